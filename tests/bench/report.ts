/** A benchmark's results as a Markdown table (docs/performance.md quotes them as printed). */
export function printTable(header: string[], rows: string[][]) {
  console.log([header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n'));
}
