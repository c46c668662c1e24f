// Bundle entry.jsx and VOSviewer Online into dist/vosviewer-check.js (esbuild's API, which
// needs no install script).
import { build } from "esbuild";

await build({
  entryPoints: ["entry.jsx"],
  bundle: true,
  minify: true,
  format: "iife",
  loader: { ".js": "jsx" },
  define: { "process.env.NODE_ENV": '"production"' },
  outfile: "dist/vosviewer-check.js",
  logLevel: "warning",
});
