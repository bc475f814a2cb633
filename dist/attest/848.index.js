export const id = 848;
export const ids = [848];
export const modules = {

/***/ 8848:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ReleaseFacts: () => (/* binding */ ReleaseFacts),
/* harmony export */   hS: () => (/* binding */ GitHubFactsError)
/* harmony export */ });
/* unused harmony exports IN_FLIGHT, PULL_COMMITS_LISTED */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(0);
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2115);
/* harmony import */ var _http_request_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6657);
/* harmony import */ var _print_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3996);
/* harmony import */ var _paging_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3043);
/* harmony import */ var _reader_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4068);






// The GitHub facts behind the deployment-approval and code-review evidence: the run's reviews,
// the environment's deployments, the release's commits and their pull requests. Every read goes
// through the one GitHub client, at most IN_FLIGHT at a time.
/** The most GitHub requests this step keeps in flight. */
const IN_FLIGHT = 4;
/** GitHub lists at most 250 commits of a pull request. */
const PULL_COMMITS_LISTED = 250;
const DEPLOYMENT_PAGES = 5;
/** GitHub could not give a fact: what could not be read, and the permission that would let it. */
class GitHubFactsError extends Error {
    tooLarge;
    constructor(message, 
    /** The answer was over the body cap. */
    tooLarge = false) {
        super(message);
        this.tooLarge = tooLarge;
        this.name = 'GitHubFactsError';
    }
}
/** The reads, limited to IN_FLIGHT at once, and the rate limit the last answer reported. */
class ReleaseFacts {
    client;
    repo;
    log;
    active = 0;
    waiting = [];
    /** The lowest x-ratelimit-remaining seen, with its reset. */
    rateLimit;
    /** Requests sent, for the log. */
    requests = 0;
    constructor(client, repo, log) {
        this.client = client;
        this.repo = repo;
        this.log = log;
    }
    /** GET one path (or a next-page URL) within the in-flight limit; errors name what and why. */
    async get(path, what, permission, query) {
        // A finished request hands its slot to the next waiting one, so no newcomer can slip in.
        if (this.active >= IN_FLIGHT)
            await new Promise(resolve => this.waiting.push(resolve));
        else
            this.active++;
        this.requests++;
        try {
            const read = await this.client.get(path, query);
            if (read.rateLimit &&
                (!this.rateLimit || read.rateLimit.remaining <= this.rateLimit.remaining))
                this.rateLimit = read.rateLimit;
            return read;
        }
        catch (error) {
            throw cannotRead(what, permission, error);
        }
        finally {
            const next = this.waiting.shift();
            if (next)
                next();
            else
                this.active--;
        }
    }
    /** Every page of a list (per_page 100), through same-origin Link headers, at most `maxPages`. */
    async list(path, schema, what, permission, options = {}) {
        const items = [];
        const maxPages = options.maxPages ?? _paging_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_PAGES */ .Y0;
        let read = await this.get(path, what, permission, { ...options.query, per_page: 100 });
        for (let page = 1;; page++) {
            items.push(...parsed(zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(schema), read.data, what));
            const next = (0,_paging_js__WEBPACK_IMPORTED_MODULE_4__/* .nextPage */ .Zj)(read.link, this.client);
            if (!next)
                return { items, complete: true };
            if ('refused' in next) {
                this.log.warning(`GitHub ${what}: ${next.refused}; using the first ${page} pages.`);
                return { items, complete: false };
            }
            if (page >= maxPages)
                return { items, complete: false };
            read = await this.get(next.url, what, permission);
        }
    }
    path(...rest) {
        return (0,_reader_js__WEBPACK_IMPORTED_MODULE_3__/* .apiPath */ .So)('repos', this.repo.owner, this.repo.repo, ...rest.map(String));
    }
    /** The run's review history: one unpaged list. */
    async runReviews(runId) {
        const what = `the review history of run ${runId} (GET …/actions/runs/${runId}/approvals)`;
        const read = await this.get(this.path('actions', 'runs', runId, 'approvals'), what, 'actions: read');
        return parsed(zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(runReviewSchema), read.data, what).map(entry => ({
            environments: entry.environments.flatMap(e => (e.name === undefined ? [] : [e.name])),
            state: entry.state,
            reviewer: entry.user?.login ?? '',
            comment: entry.comment ?? ''
        }));
    }
    /** When this run was created: deployments before it belong to earlier runs. */
    async workflowRun(runId) {
        const what = `workflow run ${runId} (GET …/actions/runs/${runId})`;
        const read = await this.get(this.path('actions', 'runs', runId), what, 'actions: read', {
            exclude_pull_requests: 'true'
        });
        const run = parsed(zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({ created_at: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP() }), read.data, what);
        return { createdAt: run.created_at };
    }
    /**
     * The newest deployment to `environment` created before `before` whose status with the highest
     * id is `success`; ordered by id here, as GitHub documents no order.
     */
    async lastSuccessfulDeployment(environment, before) {
        const what = `the deployments to environment '${(0,_print_js__WEBPACK_IMPORTED_MODULE_2__/* .inert */ .tJ)(environment)}' (GET …/deployments)`;
        const { items, complete } = await this.list(this.path('deployments'), deploymentSchema, what, 'deployments: read', { query: { environment }, maxPages: DEPLOYMENT_PAGES });
        const cutoff = Date.parse(before);
        const candidates = items
            .filter(d => Date.parse(d.created_at) < cutoff)
            .sort((a, b) => b.id - a.id);
        for (const candidate of candidates) {
            const statusWhat = `the statuses of deployment ${candidate.id} (GET …/deployments/${candidate.id}/statuses)`;
            const read = await this.get(this.path('deployments', candidate.id, 'statuses'), statusWhat, 'deployments: read', { per_page: 100 });
            const statuses = parsed(zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(deploymentStatusSchema), read.data, statusWhat);
            const latest = statuses.reduce((best, s) => (!best || s.id > best.id ? s : best), undefined);
            if (latest?.state === 'success') {
                return {
                    deployment: {
                        id: candidate.id,
                        sha: candidate.sha,
                        createdAt: candidate.created_at,
                        environment: candidate.environment
                    },
                    listed: items.length,
                    truncated: !complete
                };
            }
        }
        return { listed: items.length, truncated: !complete };
    }
    /** The environments the most recent deployments name (one page), for a misspelt name. */
    async recentEnvironments() {
        const what = 'the recent deployments (GET …/deployments)';
        const read = await this.get(this.path('deployments'), what, 'deployments: read', {
            per_page: 100
        });
        const names = parsed(zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(deploymentSchema), read.data, what).map(d => d.environment);
        return [...new Set(names)].sort();
    }
    /** The compare of base...head, every page of 100 commits; `checkTotal` sees the count first. */
    async compare(base, head, checkTotal = () => { }) {
        const range = `${base}...${head}`;
        const what = `the commits of ${range} (GET …/compare/${range})`;
        const path = this.path('compare', range);
        let read;
        try {
            read = await this.get(path, what, 'contents: read', { per_page: 100, page: 1 });
        }
        catch (error) {
            throw tooLarge(error, range) ?? error;
        }
        const first = parsed(compareSchema, read.data, what);
        checkTotal(first.total_commits);
        const commits = [...first.commits];
        for (let page = 1; commits.length < first.total_commits; page++) {
            const next = (0,_paging_js__WEBPACK_IMPORTED_MODULE_4__/* .nextPage */ .Zj)(read.link, this.client);
            if (!next)
                break;
            if ('refused' in next) {
                this.log.warning(`GitHub ${what}: ${next.refused}.`);
                break;
            }
            if (page >= _paging_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_PAGES */ .Y0)
                break;
            try {
                read = await this.get(next.url, what, 'contents: read');
            }
            catch (error) {
                throw tooLarge(error, range) ?? error;
            }
            const more = parsed(compareSchema, read.data, what).commits;
            if (more.length === 0)
                break;
            commits.push(...more);
        }
        return {
            status: first.status,
            totalCommits: first.total_commits,
            commits: commits.map(rangeCommit)
        };
    }
    /** One commit, for a first deployment's head. */
    async commit(sha) {
        const what = `commit ${sha} (GET …/commits/${sha})`;
        const read = await this.get(this.path('commits', sha), what, 'contents: read');
        return rangeCommit(parsed(compareCommitSchema, read.data, what));
    }
    /** The pull requests GitHub associates with a commit. */
    async pullsOfCommit(sha) {
        return (await this.list(this.path('commits', sha, 'pulls'), _schemas_js__WEBPACK_IMPORTED_MODULE_0__/* .githubPullSchema */ .kM, `the pull requests of commit ${sha} (GET …/commits/${sha}/pulls)`, 'pull-requests: read and contents: read')).items;
    }
    async pullReviews(pull) {
        return (await this.list(this.path('pulls', pull, 'reviews'), _schemas_js__WEBPACK_IMPORTED_MODULE_0__/* .githubReviewSchema */ .nl, `the reviews of pull request #${pull} (GET …/pulls/${pull}/reviews)`, 'pull-requests: read')).items;
    }
    async pullCommits(pull) {
        return (await this.list(this.path('pulls', pull, 'commits'), _schemas_js__WEBPACK_IMPORTED_MODULE_0__/* .githubPullCommitSchema */ .p7, `the commits of pull request #${pull} (GET …/pulls/${pull}/commits)`, 'pull-requests: read', { maxPages: Math.ceil(PULL_COMMITS_LISTED / 100) })).items;
    }
}
const userSchema = _schemas_js__WEBPACK_IMPORTED_MODULE_0__/* .githubUserSchema */ .qB.optional();
const runReviewSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({
    environments: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({ name: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().optional() })),
    state: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(['approved', 'rejected', 'pending']),
    user: userSchema,
    comment: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullable().optional()
});
const deploymentSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int(),
    sha: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    environment: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    created_at: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
});
const deploymentStatusSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({ id: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int(), state: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP() });
const compareCommitSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({
    sha: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    html_url: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().optional(),
    author: userSchema,
    parents: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({ sha: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP() })).optional(),
    commit: zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({
        message: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
        author: zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({ name: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().optional(), email: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().optional() }).nullable()
    })
});
const compareSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({
    status: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(['ahead', 'behind', 'identical', 'diverged']),
    total_commits: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int(),
    commits: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(compareCommitSchema)
});
function rangeCommit(c) {
    const name = c.commit.author?.name ?? '';
    const email = c.commit.author?.email ?? '';
    return {
        sha: c.sha,
        headline: c.commit.message.split(/\r?\n/, 1)[0],
        author: `${name} <${email}>`,
        authorUsername: c.author?.login ?? '',
        ...(c.html_url ? { url: c.html_url } : {}),
        parents: (c.parents ?? []).map(p => p.sha)
    };
}
function parsed(schema, data, what) {
    const result = schema.safeParse(data);
    if (result.success)
        return result.data;
    const issue = result.error.issues[0];
    throw new GitHubFactsError(`GitHub answered ${what} with something the action cannot read (${issue.path.join('.')}: ${issue.message}).`);
}
function cannotRead(what, permission, error) {
    if (error instanceof GitHubFactsError)
        return error;
    const message = error instanceof Error ? error.message : String(error);
    const status = error instanceof _reader_js__WEBPACK_IMPORTED_MODULE_3__/* .GitHubApiError */ .OS ? ` (HTTP ${error.status})` : '';
    const hint = error instanceof _reader_js__WEBPACK_IMPORTED_MODULE_3__/* .GitHubApiError */ .OS && error.status === 401
        ? 'Check github-token.'
        : error instanceof _reader_js__WEBPACK_IMPORTED_MODULE_3__/* .GitHubApiError */ .OS && (error.status === 403 || error.status === 404)
            ? `The job needs permissions: ${permission}, and github-token must reach this repository.`
            : `It needs permissions: ${permission}; try again later if GitHub is unavailable.`;
    const cause = error instanceof Error ? error.cause : undefined;
    return new GitHubFactsError(`Could not read ${what} from GitHub${status}: ${message}. ${hint}`, cause instanceof _http_request_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j$ && cause.kind === 'too-large');
}
function tooLarge(error, range) {
    if (!(error instanceof GitHubFactsError) || !error.tooLarge)
        return undefined;
    return new GitHubFactsError(`${error.message} The compare of ${range} is too large to read; give commits-base to review a shorter range.`);
}


/***/ })

};
