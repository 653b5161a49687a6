/** Types of generate.mjs, for the test that keeps the generated files current. */

/** Each generated file's path (from the repository root) and the text it must hold. */
export function generatedFiles(): Record<string, string>
