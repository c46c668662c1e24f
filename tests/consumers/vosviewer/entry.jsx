// The page the consumer test opens: VOSviewer Online's own React component, given the
// map file the test puts in window.CITEGRAPH_MAP before this script runs.
import React from "react";
import { createRoot } from "react-dom/client";
import { VOSviewerOnline } from "vosviewer-online";

createRoot(document.getElementById("root")).render(
  <div style={{ width: "1000px", height: "700px" }}>
    <VOSviewerOnline data={window.CITEGRAPH_MAP} />
  </div>,
);
