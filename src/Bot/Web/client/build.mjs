// Bundles the page's script and styles, with the Adaptive Cards renderer from npm, into dist/.
// The app embeds dist/ at build time and serves it itself: no CDN, no inline script.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";

await mkdir("dist", { recursive: true });
await build({
  entryPoints: { app: "src/app.ts", styles: "src/styles.css" },
  outdir: "dist",
  bundle: true,
  minify: true,
  sourcemap: false,
  target: ["es2020"],
  format: "iife",
  legalComments: "none",
  logLevel: "warning",
});
await copyFile("index.html", "dist/index.html");
await copyFile("favicon.svg", "dist/favicon.svg");
