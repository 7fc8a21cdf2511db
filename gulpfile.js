const { src, dest } = require('gulp');

// tsc emits only JavaScript; the icons and the codex files n8n reads beside each node are copied here.
function buildIcons() {
	return src(['nodes/**/*.svg', 'nodes/**/*.node.json'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = buildIcons;
