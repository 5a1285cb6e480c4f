/** Small generators for the lab's page bodies: HTML shells and placeholder images. */

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PageOptions {
  title: string;
  /** Extra tags for <head> (stylesheets, scripts). */
  head?: string;
  body: string;
}

/** An HTML document. The inline empty icon stops browsers asking for /favicon.ico. */
export function html({ title, head = '', body }: PageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

/** A flat placeholder picture with a caption. */
export function svg(label: string, color: string, width = 320, height = 200): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="100%" height="100%" rx="8" fill="${color}"/>
<text x="50%" y="54%" font-family="sans-serif" font-size="18" fill="#fff" text-anchor="middle">${escapeHtml(label)}</text>
</svg>
`;
}

/** A stylesheet shared by the lab sites, tinted per site. */
export function css(accent: string): string {
  return `body { font-family: system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { background: ${accent}; color: #fff; padding: 1rem 2rem; }
main { padding: 1rem 2rem; display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 1rem; }
article { background: #fff; border-radius: 8px; padding: 0.5rem; box-shadow: 0 1px 3px #0002; }
img { max-width: 100%; height: auto; display: block; }
a { color: ${accent}; }
`;
}

/** A script that does nothing visible (a "library" a page loads). */
export function js(name: string): string {
  return `/*! ${name} (Faultline lab stand-in) */\nwindow.__lab = (window.__lab || []).concat(${JSON.stringify(name)});\n`;
}
