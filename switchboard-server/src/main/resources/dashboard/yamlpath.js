// Finds the line a config error's YAML path (e.g. `decisions[2].model_refs[0].model`) points at, so the editor can
// jump there. Best effort over block-style YAML: inside a flow mapping or list (`{a: 1}`, `[x, y]`) it stops at the
// line that holds it, which is still the right line.

const blank = line => /^\s*(#.*)?$/.test(line);
const indentOf = line => line.match(/^\s*/)[0].length;

function findKey(lines, from, parentIndent, name) {
  const pattern = new RegExp(`^(\\s*(?:- )?)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
  for (let i = from; i < lines.length; i++) {
    if (blank(lines[i])) continue;
    const match = lines[i].match(pattern);
    const keyIndent = match ? match[1].length : indentOf(lines[i]);
    if (i > from && keyIndent <= parentIndent && indentOf(lines[i]) <= parentIndent) return null;
    if (match && keyIndent > parentIndent) return { line: i, indent: keyIndent };
  }
  return null;
}

function findItem(lines, from, parentIndent, index) {
  let listIndent = -1;
  let seen = -1;
  for (let i = from + 1; i < lines.length; i++) {
    if (blank(lines[i])) continue;
    const indent = indentOf(lines[i]);
    const isItem = /^\s*- /.test(lines[i]) || /^\s*-$/.test(lines[i]);
    if (!isItem && indent <= parentIndent) return null;
    if (isItem && (listIndent < 0 ? indent >= parentIndent : indent === listIndent)) {
      listIndent = indent;
      if (++seen === index) return { line: i, indent, item: true };
    } else if (isItem && indent < listIndent) {
      return null;
    }
  }
  return null;
}

/** The 0-based line of `path` in `yaml`, or -1 when not even its first key is found. */
export function lineOf(yaml, path) {
  const lines = yaml.split('\n');
  const steps = path.match(/\[\d+\]|[^.[\]]+/g) || [];
  let at = { line: 0, indent: -1, item: true };
  let found = -1;
  for (const step of steps) {
    const next = step.startsWith('[')
      ? findItem(lines, at.line, at.indent, Number(step.slice(1, -1)))
      : findKey(lines, at.item ? at.line : at.line + 1, at.indent, step);
    if (!next) break;
    found = next.line;
    at = next;
  }
  return found;
}
