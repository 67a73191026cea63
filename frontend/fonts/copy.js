// Copies the Noto Sans Devanagari files the page uses (the devanagari and latin subsets,
// weights 400 and 700, woff2) and the font's licence into assets/fonts/; app.css's
// @font-face rules name them. Run by `make fonts` after changing the package's version.
const fs = require("fs");
const path = require("path");

const from = path.join(__dirname, "node_modules", "@fontsource", "noto-sans-devanagari");
const to = path.join(__dirname, "..", "..", "assets", "fonts");
fs.mkdirSync(to, { recursive: true });
for (const subset of ["devanagari", "latin"]) {
  for (const weight of [400, 700]) {
    const name = `noto-sans-devanagari-${subset}-${weight}-normal.woff2`;
    fs.copyFileSync(path.join(from, "files", name), path.join(to, name));
  }
}
fs.copyFileSync(path.join(from, "LICENSE"), path.join(to, "OFL-noto-sans-devanagari.txt"));
console.log(`copied to ${to}`);
