const { src, dest, parallel } = require('gulp');

// Nodes and credentials point at their icons as file:../../icons/x.svg, relative to dist/.
function buildIcons() {
	return src('icons/**/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

// Each node's codex file (categories, documentation links) sits beside its .node.js.
function buildCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

// package.json's "main" is dist/index.js, so that the tarball holds nothing outside dist/.
function buildIndex() {
	return src('index.js').pipe(dest('dist'));
}

exports['build:assets'] = parallel(buildIcons, buildCodex, buildIndex);
