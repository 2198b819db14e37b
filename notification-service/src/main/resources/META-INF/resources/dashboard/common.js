// What the service's pages share: building elements, the sign-in session, calling the APIs and the
// event stream. Every piece of data goes on a page with textContent, never as HTML.

// The session's access token is renewed this long before it expires (the server renews it with the
// refresh token a minute before).
const RENEW_BEFORE_MS = 45_000;

export const $ = (id) => document.getElementById(id);

export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) continue;
        if (name === 'className') node.className = value;
        else if (name === 'text') node.textContent = value;
        // Through the CSSOM: the Content-Security-Policy refuses style attributes.
        else if (name === 'style') Object.assign(node.style, value);
        else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
        else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) {
        if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
}

/** An API's refusal: the HTTP status and, when the answer was problem+json, its detail and field errors. */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || 'HTTP ' + status);
        this.status = status;
        this.problem = problem;
    }

    /** The field errors of a 400, as a map from field to why (the last part of a dotted field name). */
    fieldErrors() {
        const errors = new Map();
        for (const error of this.problem?.errors || []) {
            errors.set(String(error.field || '').split('.').pop(), error.message);
        }
        return errors;
    }
}

/**
 * The signed-in person: their current access token (in memory only, never in any storage), renewed from
 * the server's sign-in session before it expires. The event stream's copy lives in an HttpOnly cookie.
 */
export class Session {
    constructor(onEnded) {
        this.onEnded = onEnded;
        this.token = null;
        this.user = null;
        this.renewTimer = null;
    }

    /** Signed in (true) or not (false); throws when the service cannot answer. */
    async start() {
        const session = await Session.load();
        if (!session) return false;
        await this.use(session);
        return true;
    }

    // The server answers a script's request with 499 or 401 instead of redirecting to the login page.
    static async load() {
        const response = await fetch('/dashboard/session', { headers: { 'X-Requested-With': 'JavaScript' },
            credentials: 'same-origin', cache: 'no-store' });
        if (response.status === 499 || response.status === 401) return null;
        if (!response.ok) throw new Error('/dashboard/session: HTTP ' + response.status);
        return response.json();
    }

    async use(session) {
        this.token = session.accessToken;
        this.user = { username: session.username, roles: session.roles, province: session.province };
        // An EventSource cannot send headers: the server sets the stream's cookie, HttpOnly.
        const response = await fetch('/api/session', { method: 'POST', headers: { Authorization: 'Bearer ' + this.token } });
        if (response.status === 401) throw new ApiError(401);
        clearTimeout(this.renewTimer);
        const delay = Math.max(10_000, session.expiresAt * 1000 - Date.now() - RENEW_BEFORE_MS);
        this.renewTimer = setTimeout(() => this.renew(), delay);
    }

    async renew() {
        try {
            const session = await Session.load();
            if (session) await this.use(session);
            else this.end();
        } catch (error) {
            // The service may be restarting: try again shortly, while the current token still lasts.
            this.renewTimer = setTimeout(() => this.renew(), 10_000);
        }
    }

    end() {
        clearTimeout(this.renewTimer);
        this.token = null;
        this.user = null;
        this.onEnded();
    }

    has(role) {
        return this.user?.roles.includes(role) === true;
    }

    /** Ends the stream's cookie here and the session at the identity provider, which returns to the dashboard. */
    static async signOut() {
        await fetch('/api/session', { method: 'DELETE' }).catch(() => {});
        window.location.assign('/dashboard/sign-out');
    }

    /**
     * Calls an API with the session's token. Answers { body, etag, status, location }; a refusal throws
     * an ApiError carrying the problem. `json` is sent as the body; `body` is sent as it is.
     */
    async call(base, path, { method = 'GET', json, body, headers = {} } = {}) {
        const request = { method, headers: { Authorization: 'Bearer ' + this.token, ...headers } };
        if (json !== undefined) {
            request.headers['Content-Type'] = 'application/json; charset=UTF-8';
            request.body = JSON.stringify(json);
        } else if (body !== undefined) {
            request.body = body;
        }
        const response = await fetch(base + path, request);
        const type = response.headers.get('Content-Type') || '';
        const content = type.includes('json') ? await response.json().catch(() => null)
            : type.startsWith('text/') ? await response.text() : null;
        if (response.status === 401) {
            this.renew();
        }
        if (!response.ok) throw new ApiError(response.status, content && typeof content === 'object' ? content : null);
        return { body: content, etag: response.headers.get('ETag'), status: response.status,
            location: response.headers.get('Location') };
    }

    async get(base, path) {
        return (await this.call(base, path)).body;
    }
}

/**
 * The event stream (Server-Sent Events), resumed from the last event it delivered when it reconnects.
 * handlers: onEvent(event), onState('live' | 'reconnecting'), onReset() when events may have been missed,
 * renew() for a new token when the stream's has expired (answers whether the session goes on).
 */
export function openStream(handlers) {
    let lastEventId = null;
    let current = null;
    let stopped = false;
    function connect() {
        // The browser resends the last SSE id as Last-Event-ID when it reconnects by itself; when it gives
        // up (the server answered with an error), a new stream carries the id in the query instead.
        const resume = lastEventId ? '?lastEventId=' + encodeURIComponent(lastEventId) : '';
        const stream = new EventSource('/api/events/stream' + resume);
        current = stream;
        // Live once the server says where in the topic the stream starts (its first, named event).
        stream.addEventListener('stream-position', (message) => {
            lastEventId = message.lastEventId;
            handlers.onState('live');
        });
        // The position was older than anything the service still holds: what the page shows may lack
        // events, so it reloads, and the stream goes on from the position this event gives.
        stream.addEventListener('reset', (message) => {
            lastEventId = message.lastEventId;
            handlers.onReset();
        });
        // 'slow-client' needs nothing here: the server ends the stream after it and the browser reconnects
        // with its last event id by itself, missing nothing.
        stream.addEventListener('token-expired', async () => {
            stream.close();
            if (await handlers.renew()) connect();
        });
        stream.onmessage = (message) => {
            lastEventId = message.lastEventId;
            let event;
            try {
                event = JSON.parse(message.data);
            } catch (error) {
                console.warn('unreadable event', error);
                return;
            }
            handlers.onEvent(event);
        };
        stream.onerror = () => {
            handlers.onState('reconnecting');
            if (stream.readyState === EventSource.CLOSED && !stopped) {
                setTimeout(connect, 3000);
            }
        };
    }
    connect();
    return { close() { stopped = true; current?.close(); } };
}
