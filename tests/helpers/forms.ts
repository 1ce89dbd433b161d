/** A form body as a browser would post it: each field once, or a list of values for a field sent several times. */
export function formData(fields: Record<string, string | number | readonly string[]>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, String(one));
  return body;
}
