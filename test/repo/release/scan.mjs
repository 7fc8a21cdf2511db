// Runs n8n's community-package scanner (its analyzePackage and ESLint configuration) on a folder
// and prints the result as JSON, in a process of its own as n8n runs it.
// Usage: node scan.mjs <folder> source|tarball
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

// The scanner's patterns for the published tarball: compiled .js and package.json.
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const [folder, kind] = process.argv.slice(2);
const result = await analyzePackage(folder, kind === 'source' ? SOURCE_FILE_PATTERNS : TARBALL_FILE_PATTERNS);
process.stdout.write(JSON.stringify({ passed: result.passed, details: result.details ?? '' }));
process.exit(0);
