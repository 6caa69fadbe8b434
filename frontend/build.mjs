// Builds the portal's own cut of its front-end libraries into static/build/
// (git-ignored; `npm run build`, run by the Makefile's install targets):
//
//   bootstrap.css  Bootstrap's CSS without the rules no page uses (PurgeCSS),
//                  read from the templates, our scripts, the Python code that
//                  writes classes (widgets, crispy layouts, template tags), the
//                  templates of crispy-bootstrap5 and allauth; the safelist
//                  keeps the states Bootstrap's JavaScript toggles (show, …).
//   bootstrap.js   only the Bootstrap plugins the pages use (esbuild): collapse
//                  (the navbar, the calendar feed's help), dropdown (the user
//                  menu, the attendance sheet's print menu; with Popper), modal
//                  (the confirmation dialogs). A page that needs another one
//                  (data-bs-toggle="tooltip", …) adds it to BOOTSTRAP_PLUGINS.
//   icons.svg      an SVG sprite of exactly the Bootstrap Icons the code names
//                  (studitiru/icons.py: `{% icon "name" %}`, `icon="name"`,
//                  `"icon": "name"`); an unknown name stops the build.
//
// A class or icon name put together at run time is invisible here: the
// safelist below holds the classes, and icon names are written whole.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { PurgeCSS } from "purgecss";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "build");
const modules = join(root, "node_modules");

function files(dir, ending) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, name))
    .filter((path) => path.endsWith(ending) && !path.includes("__pycache__") && statSync(path).isFile());
}

// The Python packages whose templates draw our pages' markup.
function sitePackages() {
  const lib = join(root, ".venv", "lib");
  if (!existsSync(lib)) throw new Error(".venv is missing: install the Python packages first (make install)");
  const python = readdirSync(lib).find((name) => name.startsWith("python"));
  return join(lib, python, "site-packages");
}

const PYTHON_PACKAGES = ["agencies", "visits", "reports", "privacy", "studitiru", "lifecycle", "edits", "history", "uploads"];
const templates = files(join(root, "templates"), ".html");
const python = PYTHON_PACKAGES.flatMap((name) => files(join(root, name), ".py")).filter(
  (path) => !path.includes(`${join("", "migrations")}`),
);
const content = [
  ...templates,
  ...files(join(root, "static", "js"), ".js"),
  ...python,
  // crispy's accordion and tab layouts are not used: their classes would come along.
  ...files(join(sitePackages(), "crispy_bootstrap5", "templates"), ".html").filter(
    (path) => !/accordion|tab\.html/.test(path),
  ),
  ...files(join(sitePackages(), "allauth", "templates"), ".html"),
];

// A button's colour named in the code (lifecycle.actions.Action's style="…",
// _form_actions.html's with style="…"), drawn as btn-{{ style }}.
function buttonStyles() {
  const styles = new Set(["primary"]);
  for (const path of [...templates, ...python]) {
    for (const match of readFileSync(path, "utf8").matchAll(/\bstyle\s*=\s*"([a-z-]+)"/g)) styles.add(`btn-${match[1]}`);
  }
  return [...styles];
}

// Classes a template or a script puts together from parts.
const safelist = {
  standard: [
    /^alert-(success|info|warning|danger)$/, // alert-{{ message.tags }}: Django's message levels
    ...buttonStyles(),
    /^(show|showing|hiding|fade|collapsing|collapse-horizontal|modal-backdrop|modal-open|modal-static)$/,
  ],
  greedy: [/data-bs-popper/],
};

function purgeBootstrap() {
  return new PurgeCSS().purge({
    content,
    css: [join(modules, "bootstrap", "dist", "css", "bootstrap.min.css")],
    safelist,
    // Django's template tags and Python strings hold classes between quotes
    // and braces: split on everything a class name cannot contain.
    defaultExtractor: (text) => text.match(/[A-Za-z0-9_:/.-]+/g) || [],
  });
}

const BOOTSTRAP_PLUGINS = ["collapse", "dropdown", "modal"];

function bootstrapScript() {
  // Importing a plugin's source registers its data-bs-* handlers on the document.
  const contents = BOOTSTRAP_PLUGINS.map((name) => `import "bootstrap/js/src/${name}.js";`).join("\n");
  buildSync({
    stdin: { contents, resolveDir: root },
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2019",
    legalComments: "none",
    banner: { js: `/*! Bootstrap v5.3 (MIT) and Popper (MIT): ${BOOTSTRAP_PLUGINS.join(", ")} */` },
    outfile: join(out, "bootstrap.js"),
  });
}

const ICON_NAMES = [
  /\{%\s*icon\s+["']([a-z0-9-]+)["']/g,
  /\bicon\s*=\s*["']([a-z0-9-]+)["']/g,
  /["']icon["']\s*:\s*["']([a-z0-9-]+)["']/g,
];

function iconNames() {
  const names = new Set();
  for (const path of [...templates, ...python]) {
    const text = readFileSync(path, "utf8");
    for (const pattern of ICON_NAMES) for (const match of text.matchAll(pattern)) names.add(match[1]);
  }
  return [...names].sort();
}

function sprite(names) {
  const icons = join(modules, "bootstrap-icons", "icons");
  const unknown = names.filter((name) => !existsSync(join(icons, `${name}.svg`)));
  if (unknown.length) throw new Error(`not a Bootstrap icon: ${unknown.join(", ")}`);
  const symbols = names.map((name) => {
    const svg = readFileSync(join(icons, `${name}.svg`), "utf8");
    const viewBox = svg.match(/viewBox="([^"]+)"/)[1];
    const body = svg.replace(/^[\s\S]*?<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "").trim();
    return `<symbol id="${name}" viewBox="${viewBox}">${body}</symbol>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg">${symbols.join("")}</svg>\n`;
}

mkdirSync(out, { recursive: true });
const [result] = await purgeBootstrap();
writeFileSync(join(out, "bootstrap.css"), `/*! Bootstrap v5.3 (MIT), unused rules removed by frontend/build.mjs */\n${result.css}\n`);
bootstrapScript();
const names = iconNames();
writeFileSync(join(out, "icons.svg"), sprite(names));
console.log(
  `${relative(root, out)}: bootstrap.css ${Math.round(result.css.length / 1024)} KB from ${content.length} files, bootstrap.js (${BOOTSTRAP_PLUGINS.join(", ")}), icons.svg ${names.length} icons`,
);
