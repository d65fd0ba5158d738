/**
 * Text a person typed (a name from the desk), made safe to print on a terminal: control
 * characters and bidirectional overrides could move the cursor, recolour the screen or make a
 * line read as something else, so each becomes U+FFFD.
 */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '\ufffd');
}

/**
 * Rows as aligned columns under a header, two spaces apart, for reading in a terminal. Widths
 * count code points, which is right for the names and addresses a newsroom has in practice
 * (wide CJK characters would take two columns each and shift the columns after them).
 */
export function tableLines(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max([...title].length, ...rows.map((row) => [...(row[column] ?? '')].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - [...cell].length),
      )
      .join('  ');
  return [line(header), ...rows.map(line)];
}
