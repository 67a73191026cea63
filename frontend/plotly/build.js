// plotly.js with only the trace types the dashboard draws, as one minified script for
// assets/: Dash loads it with the page, and dcc.Graph then uses it instead of fetching
// the full plotly.min.js (4.8 MB). Keep TRACES in step with dashboard/figures; a test
// checks both this list and the plotly.js version against the plotly Python package.
const path = require('path');
const esbuild = require('esbuild');
const { version } = require('plotly.js/package.json');

const TRACES = ['scatter', 'bar', 'heatmap', 'choropleth', 'scattergeo'];
const entry = [
    "var Plotly = require('plotly.js/lib/core');",
    `Plotly.register([${TRACES.map((t) => `require('plotly.js/lib/${t}')`).join(', ')}]);`,
    'module.exports = Plotly;',
].join('\n');

esbuild
    .build({
        stdin: { contents: entry, resolveDir: __dirname },
        outfile: path.join(__dirname, '..', '..', 'assets', 'plotly.min.js'),
        banner: { js: `/* plotly.js v${version}, traces: ${TRACES.join(',')}; MIT license */` },
        format: 'iife',
        globalName: 'Plotly',
        bundle: true,
        minify: true,
        legalComments: 'none',
        loader: { '.css': 'empty' }, // maplibre's stylesheet, for map traces we leave out
        define: { global: 'window', 'define.amd': 'false' },
        target: 'es2016',
        logLevel: 'info',
    })
    .catch(() => process.exit(1));
