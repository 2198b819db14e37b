// Checks the pages notification-service serves, which no bundler reads before a browser does:
// every script parses as a module, every import names a file that exports what is imported, and every
// element a page's scripts look up by id ($('name')) exists in that page.
//
//   node check-pages.mjs <the static resources folder>
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] || '.');
const problems = [];

function files(folder, ending) {
    return readdirSync(folder).flatMap((name) => {
        const path = join(folder, name);
        return statSync(path).isDirectory() ? files(path, ending) : path.endsWith(ending) ? [path] : [];
    });
}

/** A site path (/dashboard/common.js) or a relative one, from the importing file. */
function target(from, specifier) {
    return specifier.startsWith('/') ? join(root, specifier) : resolve(dirname(from), specifier);
}

function imports(file) {
    const source = readFileSync(file, 'utf8');
    return [...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)].map((m) => ({
        names: m[1].split(',').map((n) => n.trim()).filter(Boolean),
        file: target(file, m[2]),
        specifier: m[2],
    }));
}

function exported(file) {
    const source = readFileSync(file, 'utf8');
    return new Set([...source.matchAll(/export\s+(?:async\s+)?(?:const|let|function|class)\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]));
}

const scripts = files(root, '.js');
for (const file of scripts) {
    const name = relative(root, file);
    const check = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: readFileSync(file) });
    if (check.status !== 0) {
        problems.push(`${name} does not parse as a module:\n${check.stderr.toString().split('\n').slice(0, 5).join('\n')}`);
    }
    for (const imported of imports(file)) {
        if (!existsSync(imported.file)) {
            problems.push(`${name} imports ${imported.specifier}, which does not exist`);
            continue;
        }
        const names = exported(imported.file);
        for (const wanted of imported.names) {
            if (!names.has(wanted)) problems.push(`${name} imports ${wanted} from ${imported.specifier}, which does not export it`);
        }
    }
}

/** A page's module and every module it imports, transitively. */
function moduleGraph(entry, seen = new Set()) {
    if (seen.has(entry) || !existsSync(entry)) return seen;
    seen.add(entry);
    for (const imported of imports(entry)) moduleGraph(imported.file, seen);
    return seen;
}

let pages = 0;
for (const page of files(root, '.html')) {
    const html = readFileSync(page, 'utf8');
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const script of html.matchAll(/<script type="module" src="([^"]+)"/g)) {
        pages++;
        for (const module of moduleGraph(target(page, script[1]))) {
            for (const lookup of readFileSync(module, 'utf8').matchAll(/\$\('([^']+)'\)/g)) {
                if (!ids.has(lookup[1])) {
                    problems.push(`${relative(root, module)} looks up #${lookup[1]}, which ${relative(root, page)} does not have`);
                }
            }
        }
    }
}

if (problems.length > 0) {
    console.error([...new Set(problems)].join('\n'));
    process.exit(1);
}
console.log(`check-pages: ${scripts.length} scripts parse and import what exists; ${pages} pages have every element their scripts look up.`);
