// Rewrites the measure and stance tables of data/README.md from data/codebook.yaml.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCodebook } from '../src/extract/codebook.ts';
import { writeCodebookTables } from '../src/extract/codebook-docs.ts';

const path = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const codebook = parseCodebook(readFileSync(path('data/codebook.yaml'), 'utf8'), 'data/codebook.yaml');
writeFileSync(path('data/README.md'), writeCodebookTables(readFileSync(path('data/README.md'), 'utf8'), codebook));
