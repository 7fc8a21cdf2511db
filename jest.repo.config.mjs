// `npm run test:repo`: the repository checks of test/repo/ (import rules, unused exports, the
// release workflows, README links and versions, the compose file, and n8n's community-package
// scanner on the source and on the packed tarball). Build first: the tarball is packed from dist/.
import base from './jest.config.mjs';

export default {
	...base,
	roots: ['<rootDir>/test/repo'],
	testPathIgnorePatterns: ['/node_modules/'],
};
