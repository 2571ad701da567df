/**
 * Fills the `{{name}}` placeholders of a preset or option template; unknown
 * placeholders are left as they are.
 *
 * ```ts
 * fillTemplate('{{name}}.waitUntil({{work}})', { name: 'ctx', work: 'log()' }) // 'ctx.waitUntil(log())'
 * ```
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (placeholder, key: string) => (Object.hasOwn(values, key) ? values[key] : placeholder));
}
