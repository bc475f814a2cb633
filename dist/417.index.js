export const id = 417;
export const ids = [417];
export const modules = {

/***/ 7417:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readSonarResults: () => (/* binding */ readSonarResults)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(0);
// EXTERNAL MODULE: ./src/print.ts
var print = __webpack_require__(3996);
// EXTERNAL MODULE: ./src/http/answer.ts
var http_answer = __webpack_require__(9856);
// EXTERNAL MODULE: ./src/http/request.ts + 1 modules
var request = __webpack_require__(6657);
// EXTERNAL MODULE: ./src/redact.ts
var src_redact = __webpack_require__(6670);
;// CONCATENATED MODULE: ./src/sonar/client.ts




/** Sonar refused sonar-token (401) or its rights (403). */
class SonarAuthError extends Error {
    constructor(message) {
        super(message);
        this.name = 'SonarAuthError';
    }
}
/** Sonar answered 4xx (other than 401/403) or 5xx; `status` says which. */
class SonarApiError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'SonarApiError';
    }
}
function isSonarCloud(host) {
    const h = host.toLowerCase();
    return h === 'sonarcloud.io' || h.endsWith('.sonarcloud.io');
}
function createSonarClient(options) {
    const base = new URL(`${options.baseUrl}/`);
    const token = options.token.trim();
    const basicValue = Buffer.from(`${token}:`).toString('base64');
    const secrets = [options.token, token, basicValue].filter(s => s.length > 0);
    const http = (0,request/* apiHttpSettings */.Ob)('Sonar', options, secrets);
    const redact = (text) => (0,src_redact/* redactSecrets */.fp)(text, secrets);
    if (/[\r\n]/.test(token)) {
        throw new SonarAuthError('Refusing to ask Sonar: sonar-token contains a line break (often a trailing newline from a file or a secret); remove it.');
    }
    let scheme = 'Bearer';
    let schemeKnown = isSonarCloud(base.hostname);
    const send = (url) => (0,request/* request */.Em)({
        method: 'GET',
        url,
        headers: {
            Accept: 'application/json',
            Authorization: scheme === 'Bearer' ? `Bearer ${token}` : `Basic ${basicValue}`
        }
    }, http);
    return {
        async get(pathOrUrl, query = {}) {
            const url = /^https?:\/\//i.test(pathOrUrl) ? new URL(pathOrUrl) : new URL(pathOrUrl, base);
            if (url.origin !== base.origin) {
                throw new Error(`refusing to send sonar-token to ${url.origin}, which is not ${base.origin}`);
            }
            for (const [name, value] of Object.entries(query))
                url.searchParams.set(name, value);
            const where = `GET ${url.origin}${url.pathname}`;
            let answer;
            try {
                answer = await send(url);
                if (answer.status === 401 && !schemeKnown) {
                    options.log.info(`Sonar refused the token as Bearer (401); asking again with Basic, as SonarQube Server before 10.0 takes it.`);
                    scheme = 'Basic';
                    answer = await send(url);
                    if (answer.status === 401)
                        scheme = 'Bearer';
                }
            }
            catch (error) {
                if (!(error instanceof request/* HttpError */.j$))
                    throw error;
                throw new Error(redact(`Sonar did not answer: ${error.message}. Check sonar-url and that the server is up.`));
            }
            const text = answer.body.toString('utf8');
            if (answer.status >= 200 && answer.status < 300) {
                schemeKnown = true;
                try {
                    const json = JSON.parse(text);
                    if ((0,http_answer/* isObject */.Gv)(json))
                        return json;
                }
                catch {
                    // Said below.
                }
                throw new SonarApiError(redact(`${where} answered ${answer.status}, but not with a JSON object: check that ${base.origin} is a SonarQube or SonarCloud server.`), answer.status);
            }
            throw sonarRefusal(where, answer, base, secrets);
        }
    };
}
/** An error answer in words: the token refused (401), its rights (403), or Sonar's message. */
function sonarRefusal(where, answer, base, secrets) {
    const redact = (text) => (0,src_redact/* redactSecrets */.fp)(text, secrets);
    const text = answer.body.toString('utf8');
    const message = (0,print/* inert */.tJ)(sonarMessage(text, secrets));
    const said = `${where} answered ${answer.status} ${answer.statusText}${message ? `: ${message}` : ''}`;
    if (answer.status === 401) {
        return new SonarAuthError(redact(`${said}. Sonar refused sonar-token${isSonarCloud(base.hostname) ? '' : ' as Bearer and as Basic'}: check that it is a valid token of ${base.origin}.`));
    }
    if (answer.status === 403) {
        return new SonarAuthError(redact(`${said}. sonar-token lacks the rights: it needs Browse permission on the project.`));
    }
    return new SonarApiError(redact(said), answer.status);
}
/** Sonar's own words: `errors[0].msg`, else the server's. */
function sonarMessage(answer, secrets) {
    // Secrets are hidden in the whole answer before it is cut.
    const text = (0,src_redact/* redactSecrets */.fp)(answer, secrets);
    try {
        const json = JSON.parse(text);
        const msg = Array.isArray(json.errors) ? json.errors[0]?.msg : undefined;
        if (typeof msg === 'string')
            return (0,src_redact/* redactedCut */.rs)(msg, 300, secrets);
    }
    catch {
        // Not JSON.
    }
    return (0,http_answer/* serverMessage */.x_)(text, secrets);
}

;// CONCATENATED MODULE: ./src/sonar/results.ts



// sonar_results from Sonar's Web API, the calls the Kosli CLI makes (internal/sonar/sonar.go at
// 71ac0f3): the analysis task (api/ce/task, waited for while it runs), the analysis (api/
// project_analyses/search, or api/project_pull_requests/list for a pull request) and the quality
// gate (api/qualitygates/project_status).
const results_text = schemas/* string */.YjP().catch('');
const task = schemas/* looseObject */._H3({
    id: results_text,
    status: results_text,
    componentKey: results_text,
    componentName: results_text,
    analysisId: results_text,
    branch: results_text,
    branchType: results_text,
    pullRequest: results_text
});
const taskAnswer = schemas/* looseObject */._H3({ task });
const activityAnswer = schemas/* looseObject */._H3({ tasks: schemas/* array */.YOg(task).catch([]) });
const analysesAnswer = schemas/* looseObject */._H3({
    analyses: schemas/* array */.YOg(schemas/* looseObject */._H3({ key: results_text, date: results_text, revision: results_text })).catch([])
});
const pullRequestsAnswer = schemas/* looseObject */._H3({
    pullRequests: schemas/* array */.YOg(schemas/* looseObject */._H3({
        key: results_text,
        analysisDate: results_text,
        commit: schemas/* looseObject */._H3({ sha: results_text }).catch({ sha: '' })
    }))
        .catch([])
});
const gateAnswer = schemas/* looseObject */._H3({
    projectStatus: schemas/* looseObject */._H3({
        status: schemas/* string */.YjP(),
        conditions: schemas/* array */.YOg(schemas/* looseObject */._H3({
            status: results_text,
            metricKey: results_text,
            comparator: results_text,
            errorThreshold: results_text,
            actualValue: schemas/* string */.YjP().optional()
        }))
            .catch([])
    })
});
const RUNNING = new Set(['PENDING', 'IN_PROGRESS']);
async function readSonarResults(source, settings, log, deps = {}) {
    const sonar = createSonarClient({
        baseUrl: source.serverUrl,
        token: settings.token,
        timeoutMs: settings.http.timeoutMs,
        maxRetries: settings.http.maxRetries,
        retryBaseMs: settings.http.retryBaseMs,
        log
    });
    const wait = waiter(settings.waitSeconds, deps.sleep, log);
    const serverUrl = new URL(source.serverUrl).origin + new URL(source.serverUrl).pathname.replace(/\/+$/, '');
    const dashboard = (key) => `${serverUrl}/dashboard?${new URLSearchParams({ id: key }).toString()}`;
    if (source.kind === 'report')
        return fromReport(source, sonar, wait, dashboard, serverUrl);
    try {
        return await fromProjectKey(source, settings, sonar, wait, dashboard, serverUrl, log);
    }
    catch (error) {
        if (error instanceof SonarApiError && error.status === 404) {
            throw new SonarApiError(`${error.message}. Check sonar-project-key${source.branch ? ' and sonar-branch' : source.pullRequest ? ' and sonar-pull-request' : ''}, and that sonar-url is the server that analysed it.`, 404);
        }
        throw error;
    }
}
/** The results of the analysis a scanner's report file names: its task, then its gate. */
async function fromReport(source, sonar, wait, dashboard, serverUrl) {
    const done = await wait.until(async () => {
        const answer = taskAnswer.parse(await sonar.get(source.ceTaskUrl));
        return RUNNING.has(answer.task.status) ? undefined : answer.task;
    }, `Sonar's analysis task (${(0,print/* inert */.tJ)(source.ceTaskUrl)}) is still running`);
    if (done.status !== 'SUCCESS' || !done.analysisId) {
        throw new Error(`Sonar's analysis task ${(0,print/* inert */.tJ)(done.id)} of project ${(0,print/* inert */.tJ)(done.componentKey)} ended ${(0,print/* inert */.tJ)(done.status || 'without an analysis')}: there are no results to record. See ${(0,print/* inert */.tJ)(source.ceTaskUrl)}.`);
    }
    const project = {
        key: done.componentKey,
        ...(done.componentName ? { name: done.componentName } : {}),
        url: source.dashboardUrl ?? dashboard(done.componentKey)
    };
    const base = { serverUrl, taskId: done.id, status: done.status, project };
    if (done.pullRequest) {
        const pull = await pullRequestAnalysis(sonar, done.componentKey, done.pullRequest);
        if (!pull) {
            throw new Error(`Sonar lists no analysis of pull request ${(0,print/* inert */.tJ)(done.pullRequest)} of project ${(0,print/* inert */.tJ)(done.componentKey)}.`);
        }
        return {
            ...base,
            analysedAt: pull.analysisDate,
            revision: pull.commit.sha,
            pullRequest: done.pullRequest,
            qualityGate: await qualityGate(sonar, {
                projectKey: done.componentKey,
                pullRequest: done.pullRequest
            })
        };
    }
    const branch = done.branch
        ? { name: done.branch, ...(done.branchType ? { type: done.branchType } : {}) }
        : undefined;
    const analysis = (await analyses(sonar, done.componentKey, done.branch)).find(a => a.key === done.analysisId);
    if (!analysis) {
        throw new Error(`Sonar lists no analysis ${(0,print/* inert */.tJ)(done.analysisId)} of project ${(0,print/* inert */.tJ)(done.componentKey)}; it may have been deleted.`);
    }
    return {
        ...base,
        analysedAt: analysis.date,
        revision: analysis.revision,
        ...(branch ? { branch } : {}),
        qualityGate: await qualityGate(sonar, { analysisId: done.analysisId })
    };
}
async function fromProjectKey(source, settings, sonar, wait, dashboard, serverUrl, log) {
    // A project key: the analysis of this commit on the branch, or of the pull request.
    const key = source.projectKey;
    const project = { key, url: dashboard(key) };
    if (source.pullRequest) {
        const pullRequest = source.pullRequest;
        const pull = await wait.until(async () => pullRequestAnalysis(sonar, key, pullRequest), `Sonar lists no analysis of pull request ${(0,print/* inert */.tJ)(pullRequest)} of project ${(0,print/* inert */.tJ)(key)} yet`);
        const found = await activityTask(sonar, key, t => t.pullRequest === pullRequest, log);
        return {
            serverUrl,
            taskId: found?.id ?? '',
            status: found?.status ?? '',
            analysedAt: pull.analysisDate,
            revision: pull.commit.sha,
            project: { ...project, ...(found?.componentName ? { name: found.componentName } : {}) },
            pullRequest,
            qualityGate: await qualityGate(sonar, { projectKey: key, pullRequest })
        };
    }
    const branchName = source.branch;
    const analysis = await wait.until(async () => (await analyses(sonar, key, branchName)).find(a => a.revision === settings.revision), `Sonar lists no analysis of commit ${settings.revision} on branch ${(0,print/* inert */.tJ)(branchName ?? '')} of project ${(0,print/* inert */.tJ)(key)} yet`);
    const found = await activityTask(sonar, key, t => t.analysisId === analysis.key, log);
    return {
        serverUrl,
        taskId: found?.id ?? '',
        status: found?.status ?? '',
        analysedAt: analysis.date,
        revision: analysis.revision,
        project: { ...project, ...(found?.componentName ? { name: found.componentName } : {}) },
        ...(branchName
            ? { branch: { name: branchName, ...(found?.branchType ? { type: found.branchType } : {}) } }
            : {}),
        qualityGate: await qualityGate(sonar, { analysisId: analysis.key })
    };
}
async function analyses(sonar, project, branch) {
    // 500 is the most a page holds; the search is by revision or key among the newest.
    const query = { project, ps: '500' };
    if (branch)
        query.branch = branch;
    return analysesAnswer.parse(await sonar.get('api/project_analyses/search', query)).analyses;
}
async function pullRequestAnalysis(sonar, project, pullRequest) {
    const answer = pullRequestsAnswer.parse(await sonar.get('api/project_pull_requests/list', { project }));
    return answer.pullRequests.find(p => p.key === pullRequest && p.analysisDate !== '');
}
/**
 * The analysis task in the project's activity, for its id and name. Reading the activity needs
 * project administration rights; without them the task is left out, as the Kosli CLI does.
 */
async function activityTask(sonar, component, match, log) {
    try {
        const found = activityAnswer
            .parse(await sonar.get('api/ce/activity', { component }))
            .tasks.find(match);
        if (!found)
            log.warning(`Sonar's activity of project ${(0,print/* inert */.tJ)(component)} lists no task of this analysis; taskId and status are sent empty.`);
        return found;
    }
    catch (error) {
        if (!(error instanceof Error) ||
            !(error.name === 'SonarAuthError' || error instanceof SonarApiError))
            throw error;
        log.warning(`Could not read Sonar's activity of project ${(0,print/* inert */.tJ)(component)} (${error.message}); taskId and status are sent empty. Reading it needs the Administer right on the project.`);
        return undefined;
    }
}
async function qualityGate(sonar, query) {
    const answer = gateAnswer.safeParse(await sonar.get('api/qualitygates/project_status', query));
    if (!answer.success)
        throw new Error(`Sonar's quality gate answer has no projectStatus.status.`);
    const status = answer.data.projectStatus;
    return {
        status: status.status,
        // Sent as a list even when empty: Kosli expects one when the gate exists (as the CLI says).
        conditions: status.conditions.map(c => ({
            metric: c.metricKey,
            errorThreshold: c.errorThreshold,
            operator: c.comparator,
            ...(c.actualValue ? { value: c.actualValue } : {}),
            status: c.status
        }))
    };
}
/** Polls with growing waits (1, 2, 4 … s) until `attempt` gives a value or sonar-wait has passed. */
function waiter(waitSeconds, sleep, log) {
    const pause = sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
    return {
        async until(attempt, stillWhat) {
            const deadline = Date.now() + waitSeconds * 1000;
            let step = 1000;
            for (;;) {
                const value = await attempt();
                if (value !== undefined)
                    return value;
                const left = deadline - Date.now();
                if (left <= 0) {
                    throw new Error(`${stillWhat} after ${waitSeconds} s (sonar-wait). Raise sonar-wait if Sonar needs longer, or check the analysis in Sonar.`);
                }
                const ms = Math.min(step, left);
                log.info(`${stillWhat}; asking again in ${Math.ceil(ms / 1000)} s (sonar-wait: ${waitSeconds} s).`);
                await pause(ms);
                step *= 2;
            }
        }
    };
}


/***/ })

};
