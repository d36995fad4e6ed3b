/** Bundles the module `from` into the file `outfile` (scripts/esbuild-bundle.mjs). */
export function bundleFile(from: string, outfile: string): Promise<void>;
