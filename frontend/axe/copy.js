// Copies axe-core's browser build and its licence into tests/browser/vendor/, where the
// browser tests (tests/browser/driver.py) inject it into each page; the app never serves it.
// Run by `make axe` after changing the package's version.
const fs = require("fs");
const path = require("path");

const from = path.join(__dirname, "node_modules", "axe-core");
const to = path.join(__dirname, "..", "..", "tests", "browser", "vendor");
fs.mkdirSync(to, { recursive: true });
fs.copyFileSync(path.join(from, "axe.min.js"), path.join(to, "axe.min.js"));
fs.copyFileSync(path.join(from, "LICENSE"), path.join(to, "LICENSE-axe-core.txt"));
console.log(`copied to ${to}`);
