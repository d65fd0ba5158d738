/** A form's text field, or '' when absent or not text; over `max` characters is cut (the API refuses it anyway). */
export function fieldOf(form: FormData, name: string, max = 1_000): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** The posted form, or an empty one for a body that is not a form. */
export async function formOf(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}
