const { src, dest, parallel } = require('gulp');

// Nodes and credentials point at their icons as file:../../icons/x.svg, relative to dist/.
function buildIcons() {
	return src('icons/**/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

// Each node's codex file (categories, documentation links) sits beside its .node.js.
function buildCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:icons'] = parallel(buildIcons, buildCodex);
