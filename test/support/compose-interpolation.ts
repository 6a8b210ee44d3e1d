/**
 * Variable substitution as Docker Compose does it (compose-spec "Interpolation"): `$$` is a literal `$`,
 * `${VAR}` / `$VAR`, `${VAR:-default}` (unset or empty), `${VAR-default}` (unset), `${VAR:?message}` /
 * `${VAR?message}` (error), `${VAR:+alternative}` / `${VAR+alternative}`. Applied to every string of the parsed
 * file, as compose does after parsing YAML.
 */
export class ComposeInterpolationError extends Error {}

const PATTERN = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function interpolate(value: string, environment: Record<string, string | undefined>): string {
  return value.replace(PATTERN, (_match, dollar, braced, operator, argument, bare) => {
    if (dollar) return '$';
    const name = (braced ?? bare) as string;
    const current = environment[name];
    const unsetOrEmpty = current === undefined || current === '';
    switch (operator as string | undefined) {
      case undefined:
        return current ?? '';
      case ':-':
        return unsetOrEmpty ? interpolate(argument, environment) : (current as string);
      case '-':
        return current === undefined ? interpolate(argument, environment) : current;
      case ':?':
      case '?':
        if (operator === ':?' ? unsetOrEmpty : current === undefined)
          throw new ComposeInterpolationError(`${name}: ${argument || 'required'}`);
        return current as string;
      case ':+':
        return unsetOrEmpty ? '' : interpolate(argument, environment);
      case '+':
        return current === undefined ? '' : interpolate(argument, environment);
      default:
        throw new ComposeInterpolationError(`unsupported operator ${operator}`);
    }
  });
}

/** The parsed compose document with every string interpolated. */
export function interpolateDocument<T>(document: T, environment: Record<string, string | undefined>): T {
  if (typeof document === 'string') return interpolate(document, environment) as T;
  if (Array.isArray(document)) return document.map((item) => interpolateDocument(item, environment)) as T;
  if (document && typeof document === 'object')
    return Object.fromEntries(
      Object.entries(document).map(([key, item]) => [key, interpolateDocument(item, environment)]),
    ) as T;
  return document;
}

/** A `.env` file as compose reads it: `KEY=value` lines, `#` comments, optional quotes. */
export function parseEnvFile(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    result[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return result;
}
