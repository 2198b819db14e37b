// Files out of the pages: a download that needed the bearer token.
import { el } from './common.js';

/** Saves a fetched file (a download needs the bearer token, which a plain link cannot send). */
export function saveFile(blob, fileName) {
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
