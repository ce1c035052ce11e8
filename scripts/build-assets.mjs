// Builds the front end into build/static (never committed; served by WhiteNoise):
// the NHS.UK frontend CSS compiled from its Sass with our settings, its JS and
// images, axe-core for the accessibility tests, the PDF font and the Arial
// substitute.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { compile } from "sass";

const out = "build/static";
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/css`, { recursive: true });

const css = compile("static/scss/involve.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(`${out}/css/involve.css`, css.css);

const nhsuk = "node_modules/nhsuk-frontend/dist/nhsuk";
mkdirSync(`${out}/nhsuk`, { recursive: true });
for (const file of ["nhsuk-frontend.min.js", "nhsuk-frontend.min.js.map"]) {
  cpSync(`${nhsuk}/${file}`, `${out}/nhsuk/${file}`);
}
cpSync(`${nhsuk}/assets`, `${out}/nhsuk/assets`, { recursive: true });

mkdirSync(`${out}/vendor/axe-core`, { recursive: true });
cpSync("node_modules/axe-core/axe.min.js", `${out}/vendor/axe-core/axe.min.js`);

const fonts = "node_modules/@fontsource/atkinson-hyperlegible/files";
mkdirSync(`${out}/fonts`, { recursive: true });
for (const weight of ["400", "700"]) {
  const name = `atkinson-hyperlegible-latin-${weight}-normal.woff`;
  cpSync(`${fonts}/${name}`, `${out}/fonts/${name}`);
}
// Arimo, metric-compatible with Arial, for machines without Arial: the pages'
// widths are then the same on every machine (a fresh Debian one would
// otherwise fall back to the wider DejaVu Sans).
const arimo = "node_modules/@fontsource/arimo/files";
for (const weight of ["400", "700"]) {
  const name = `arimo-latin-${weight}-normal.woff2`;
  cpSync(`${arimo}/${name}`, `${out}/fonts/${name}`);
}
console.log(`front end built into ${out}`);
