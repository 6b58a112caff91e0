/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js and reads the pictures and documents; n8n's rules for node code do not apply to it */
/**
 * Every node and credential package.json lists has its picture in docs/images/ (made by
 * `npm run docs:images`, test/e2e/docs-images.shoot.ts), and the documents show it: each
 * platform's page its credential, node and trigger, the README each platform's node.
 */
import { existsSync, readFileSync } from 'fs';
import { basename, dirname, join } from 'path';

const ROOT = join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Each node folder's page under docs/. A new platform needs its page here. */
const PAGES: Record<string, string> = {
	Kwiga: 'kwiga',
	Kajabi: 'kajabi',
	GetCourse: 'getcourse',
	Boomerangme: 'boomerangme',
	RempCrm: 'remp-crm',
};

/** dist/nodes/Kwiga/Kwiga.node.js → Kwiga; dist/credentials/KwigaApi.credentials.js → KwigaApi. */
const pictureOf = (file: string) => basename(file).replace(/\.(node|credentials)\.js$/, '');
/** The node folder a built file belongs to; a credential's is its name without "Api". */
const platformOf = (file: string) =>
	file.includes('/credentials/') ? pictureOf(file).replace(/Api$/, '') : basename(dirname(file));

/** The width and height a PNG file says it has (its IHDR chunk). */
function pngSize(file: string): { width: number; height: number } | undefined {
	const data = readFileSync(file);
	if (!data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return undefined;
	return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

const entries = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((file) => ({
	file,
	picture: pictureOf(file),
	platform: platformOf(file),
}));

describe.each(entries)('$file', ({ file, picture, platform }) => {
	const image = join(ROOT, 'docs/images', `${picture}.png`);

	it(`has its picture, docs/images/${picture}.png (npm run docs:images makes it)`, () => {
		expect(existsSync(image)).toBe(true);
		const size = pngSize(image);
		expect(size).toBeDefined();
		expect(size!.width).toBeGreaterThanOrEqual(600);
		expect(size!.height).toBeGreaterThanOrEqual(400);
	});

	it('is shown on its platform page', () => {
		const page = PAGES[platform];
		expect({ platform, page }).toEqual({ platform, page: expect.any(String) });
		expect(readFileSync(join(ROOT, 'docs', `${page}.md`), 'utf8')).toContain(`(images/${picture}.png)`);
	});

	if (file.includes('/nodes/') && !picture.endsWith('Trigger')) {
		it("is shown in the README's tour", () => {
			expect(readme).toContain(`docs/images/${picture}.png`);
		});
	}
});
