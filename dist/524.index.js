export const id = 524;
export const ids = [524];
export const modules = {

/***/ 2524:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  findJiraIssues: () => (/* binding */ findJiraIssues)
});

;// CONCATENATED MODULE: ./src/evidence/jira-keys.ts
// The Jira issue keys a commit refers to, as the Kosli CLI finds them (internal/jira/jira.go at
// 71ac0f3): case-insensitive, returned upper-case, sorted, each once.
const ANY_KEY = /\b[A-Z][A-Z0-9]{1,9}-[0-9]+/g;
/**
 * Keys in `text`, of `projectKeys` only when given. A candidate every occurrence of which is
 * followed by `-<digit>` is part of a longer identifier (CVE-2026-41284) and is left out.
 */
function findJiraIssueKeys(text, projectKeys = []) {
    const projects = projectKeys.map(k => k.trim().toUpperCase()).filter(k => k !== '');
    const pattern = projects.length === 0
        ? new RegExp(ANY_KEY.source, 'g')
        : new RegExp(`\\b(?:${projects.map(escapeRegExp).join('|')})-[0-9]+`, 'g');
    const upper = text.toUpperCase();
    const found = new Set(upper.match(pattern) ?? []);
    return [...found]
        .filter(key => !partOfLongerIdentifier(upper, key))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
function partOfLongerIdentifier(text, key) {
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
        if (!/^-\d/.test(text.slice(at + key.length, at + key.length + 2)))
            return false;
    }
    return true;
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** What is searched: the commit message, the branch (unless ignored) and the secondary source. */
function jiraSearchText(parts) {
    return [
        parts.message,
        ...(parts.ignoreBranchMatch || !parts.branch ? [] : [parts.branch]),
        ...(parts.secondarySource ? [parts.secondarySource] : [])
    ].join('\n');
}

// EXTERNAL MODULE: ./src/http/answer.ts
var http_answer = __webpack_require__(9856);
// EXTERNAL MODULE: ./src/http/request.ts + 1 modules
var request = __webpack_require__(6657);
// EXTERNAL MODULE: ./src/print.ts
var print = __webpack_require__(3996);
// EXTERNAL MODULE: ./src/redact.ts
var src_redact = __webpack_require__(6670);
;// CONCATENATED MODULE: ./src/jira/client.ts




/** Jira refused the credentials: the step stops before anything reaches Kosli. */
class JiraAuthError extends Error {
    constructor(message) {
        super(message);
        this.name = 'JiraAuthError';
    }
}
/** Jira did not answer (network, timeout, 5xx) after every retry. */
class JiraUnreachableError extends Error {
    constructor(message) {
        super(message);
        this.name = 'JiraUnreachableError';
    }
}
/** Basic (Jira Cloud) or a bearer PAT (Data Center), with every form of it a secret. */
function jiraCredentials(options) {
    const username = options.username?.trim();
    const token = options.apiToken?.trim();
    const pat = options.pat?.trim();
    const basic = username && token ? Buffer.from(`${username}:${token}`).toString('base64') : undefined;
    const secrets = [options.apiToken, options.pat, token, pat, basic].filter((s) => Boolean(s));
    const credentialInputs = basic ? 'jira-username and jira-api-token' : 'jira-pat';
    for (const value of [username, token, pat]) {
        if (value && /[\r\n]/.test(value)) {
            throw new JiraAuthError(`Refusing to ask Jira: ${credentialInputs} contain a line break (often a trailing newline from a file or a secret); remove it.`);
        }
    }
    const authorization = basic ? `Basic ${basic}` : `Bearer ${pat ?? ''}`;
    return { basic, secrets, credentialInputs, authorization };
}
function createJiraClient(options) {
    const base = new URL(`${options.baseUrl}/`);
    const { basic, secrets, credentialInputs, authorization } = jiraCredentials(options);
    const http = (0,request/* apiHttpSettings */.Ob)('Jira', options, secrets);
    const redact = (text) => (0,src_redact/* redactSecrets */.fp)(text, secrets);
    return {
        issueUrl: key => new URL(`browse/${encodeURIComponent(key)}`, base).href,
        async issueExists(key) {
            const url = new URL(`rest/api/2/issue/${encodeURIComponent(key)}`, base);
            // Only a field the answer needs no more of: the issue's fields are not recorded.
            url.searchParams.set('fields', 'summary');
            if (url.origin !== base.origin)
                throw new Error(`refusing to send Jira credentials to ${url.origin}`);
            let answer;
            try {
                answer = await (0,request/* request */.Em)({
                    method: 'GET',
                    url,
                    headers: { Accept: 'application/json', Authorization: authorization }
                }, http);
            }
            catch (error) {
                if (!(error instanceof request/* HttpError */.j$))
                    throw error;
                throw new JiraUnreachableError(redact(error.message));
            }
            if (answer.status >= 200 && answer.status < 300) {
                // A proxy's or login page's 200 is not an issue: only Jira's answer counts as existing.
                if (!isIssue(answer.body.toString('utf8'))) {
                    throw new Error(redact(`Jira answered GET ${url.origin}${url.pathname} with ${answer.status}, but not with an issue; check that jira-url (${options.baseUrl}) is your Jira's base URL.`));
                }
                return true;
            }
            if (answer.status === 404)
                return false;
            const message = (0,print/* inert */.tJ)(jiraMessage(answer.body.toString('utf8'), secrets));
            const where = `GET ${url.origin}${url.pathname}`;
            if (answer.status === 401 || answer.status === 403) {
                throw new JiraAuthError(redact(`Jira refused ${where}: ${answer.status} ${answer.statusText}${message ? `: ${message}` : ''}. ` +
                    `Check ${credentialInputs}: ${answer.status === 401
                        ? basic
                            ? 'jira-username is the account e-mail and jira-api-token one of its API tokens (Jira Cloud)'
                            : 'jira-pat is a valid personal access token (Jira Data Center)'
                        : 'the account may not browse this project'}. Nothing was sent to Kosli.`));
            }
            if (answer.status >= 500) {
                throw new JiraUnreachableError(redact(`${where} answered ${answer.status} ${answer.statusText} after ${answer.attempts} attempts`));
            }
            throw new Error(redact(`Jira answered ${where} with ${answer.status} ${answer.statusText}${message ? `: ${message}` : ''}.`));
        }
    };
}
function isIssue(text) {
    try {
        const json = JSON.parse(text);
        return typeof json.key === 'string' && typeof json.id === 'string';
    }
    catch {
        return false;
    }
}
/** Jira's own words: `errorMessages[0]`, else the server's. */
function jiraMessage(answer, secrets) {
    // Secrets are hidden in the whole answer before it is cut.
    const text = (0,src_redact/* redactSecrets */.fp)(answer, secrets);
    try {
        const json = JSON.parse(text);
        if (Array.isArray(json.errorMessages) && typeof json.errorMessages[0] === 'string') {
            return (0,src_redact/* redactedCut */.rs)(json.errorMessages[0], 300, secrets);
        }
    }
    catch {
        // Not JSON: serverMessage reads a page's title or the start of the text.
    }
    return (0,http_answer/* serverMessage */.x_)(text, secrets);
}

;// CONCATENATED MODULE: ./src/jira/issues.ts


/**
 * The issue keys the commit refers to, each looked up in Jira. A 404 is an issue that does not
 * exist; an unreachable Jira records every key as not existing, with a warning; a 401 or 403
 * throws (nothing is sent to Kosli).
 */
async function findJiraIssues(settings, deps) {
    if (!deps.commitMessage)
        throw new Error('The jira type needs the commit message.');
    const text = jiraSearchText({
        message: await deps.commitMessage(),
        branch: settings.branch,
        ignoreBranchMatch: settings.ignoreBranchMatch,
        secondarySource: settings.secondarySource
    });
    const keys = findJiraIssueKeys(text, settings.projectKeys);
    const searched = `the commit message${settings.ignoreBranchMatch || !settings.branch ? '' : ', the branch'}${settings.secondarySource ? ', jira-secondary-source' : ''}`;
    if (keys.length === 0) {
        const scope = settings.projectKeys.length > 0 ? ` of project ${settings.projectKeys.join(', ')}` : '';
        deps.log.warning(`No Jira issue key${scope} was found in ${searched}; recording jira_results: [].`);
        return {
            results: [],
            compliant: false,
            nonCompliantBecause: `no Jira issue key${scope} was found in ${searched}`
        };
    }
    deps.log.info(`Jira issue keys found in ${searched}: ${keys.join(', ')}.`);
    const jira = createJiraClient({
        baseUrl: settings.url,
        username: settings.username,
        apiToken: settings.apiToken,
        pat: settings.pat,
        timeoutMs: settings.http.timeoutMs,
        maxRetries: settings.http.maxRetries,
        retryBaseMs: settings.http.retryBaseMs,
        log: deps.log
    });
    const results = [];
    for (const key of keys) {
        let exists;
        try {
            exists = await jira.issueExists(key);
        }
        catch (error) {
            if (!(error instanceof JiraUnreachableError))
                throw error;
            deps.log.warning(`Jira could not be reached (${error.message}); every key is recorded with issue_exists: false, so the evidence is non-compliant.`);
            return {
                results: keys.map(k => ({ issue_id: k, issue_url: jira.issueUrl(k), issue_exists: false })),
                compliant: false,
                nonCompliantBecause: `Jira could not be reached to look up ${keys.join(', ')}`,
                unreachable: error.message
            };
        }
        deps.log.info(`${key}: ${exists ? 'found' : 'does not exist'} in Jira.`);
        results.push({ issue_id: key, issue_url: jira.issueUrl(key), issue_exists: exists });
    }
    const missing = results.filter(r => !r.issue_exists).map(r => r.issue_id);
    return {
        results,
        compliant: missing.length === 0,
        ...(missing.length > 0
            ? {
                nonCompliantBecause: `Jira has no issue ${missing.join(', ')} (a 404: it does not exist, or the account cannot see it)`
            }
            : {})
    };
}


/***/ })

};
