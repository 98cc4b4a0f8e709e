/**
 * The values an analysis takes: those its metadata declares a parameter for, in the order it declares them; the rest
 * are left out, so one set of values (the header's, the command line's `--param`s) serves every analysis — the
 * engine refuses a parameter an analysis does not have, and direction-of-travel has no "from". One rule for the app,
 * its board pack and the command line.
 */
export function parametersTaken<V>(analysis: { readonly parameters: readonly { readonly name: string }[] }, values: Readonly<Record<string, V | undefined>>): Record<string, V> {
  const taken: Record<string, V> = {};
  for (const { name } of analysis.parameters) {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value !== undefined) taken[name] = value;
  }
  return taken;
}
