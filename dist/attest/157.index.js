export const id = 157;
export const ids = [157,848];
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


/***/ }),

/***/ 157:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gatherApprovalEvidence: () => (/* binding */ gatherApprovalEvidence)
});

// UNUSED EXPORTS: estimateLookups

// EXTERNAL MODULE: ./src/evidence/pull-requests.ts
var pull_requests = __webpack_require__(8085);
;// CONCATENATED MODULE: ./src/evidence/approval-records.ts

// The two records of deployment-approval and code-review evidence and their verdicts, computed
// from GitHub's facts alone (never from an input). Pure: the reads live in github/release-facts.
/** The most entries of `unreviewed` and of `pull_requests` a record carries. */
const RECORD_LIST_LIMIT = 1000;
/** Who approved this run's deployment to the environment, and whether that is enough. */
function deploymentApprovalRecord(input) {
    const own = input.reviews.filter(r => r.environments.includes(input.environment));
    const self = new Set([input.actor, input.triggeringActor].filter(Boolean));
    const reviews = own.map(r => {
        const because = r.state === 'pending'
            ? 'pending'
            : r.state === 'rejected'
                ? 'rejected'
                : !input.allowSelfApproval && self.has(r.reviewer)
                    ? 'self-approval'
                    : null;
        return {
            reviewer: r.reviewer,
            state: r.state,
            comment: r.comment,
            counted: because === null,
            not_counted_because: because
        };
    });
    const approvers = new Set(reviews.filter(r => r.counted).map(r => r.reviewer));
    const reasons = [];
    const env = `'${input.environment}'`;
    if (own.length === 0) {
        const named = [...new Set(input.reviews.flatMap(r => r.environments))].sort();
        reasons.push(`No review of this run names environment ${env}: the environment has no required reviewers, or its name is misspelt. ` +
            (named.length > 0
                ? `The run's reviews name: ${named.map(n => `'${n}'`).join(', ')}.`
                : 'The run has no reviews at all.'));
    }
    else {
        if (approvers.size < input.requiredApprovals) {
            const selfOnly = reviews.filter(r => r.not_counted_because === 'self-approval');
            reasons.push(`${approvers.size} of ${input.requiredApprovals} required approvals for ${env}` +
                (selfOnly.length > 0
                    ? ` (approvals by the run's actor ${[...new Set(selfOnly.map(r => r.reviewer))].map(q).join(', ')} do not count without allow-self-approval)`
                    : '') +
                '.');
        }
        const pending = reviews.filter(r => r.state === 'pending');
        if (pending.length > 0 && approvers.size < input.requiredApprovals) {
            reasons.push(`Still pending: ${pending.map(r => q(r.reviewer)).join(', ')}.`);
        }
        const rejected = reviews.filter(r => r.state === 'rejected');
        if (rejected.length > 0 && input.runAttempt === 1) {
            reasons.push(`Rejected by ${[...new Set(rejected.map(r => r.reviewer))].map(q).join(', ')} on the run's first attempt.`);
        }
    }
    return {
        schema_version: 1,
        github_environment: input.environment,
        run_url: input.runUrl,
        run_attempt: input.runAttempt,
        actor: input.actor,
        triggering_actor: input.triggeringActor,
        required_approvals: input.requiredApprovals,
        reviews,
        compliant: reasons.length === 0,
        reasons
    };
}
/** The pull requests that contain a commit: by their commit lists, merge commit, or GitHub's association. */
function pullsContaining(sha, pulls, associated) {
    const linked = new Set(associated.get(sha) ?? []);
    return pulls.filter(p => linked.has(p.pull.number) ||
        p.pull.merge_commit_sha === sha ||
        p.commits.some(c => c.sha === sha));
}
/** The approvers of a pull request who are neither its author nor the author of any of its commits. */
function independentApprovers(p) {
    const authors = new Set();
    if (p.pull.user?.login)
        authors.add(p.pull.user.login);
    for (const c of p.commits)
        if (c.author?.login)
            authors.add(c.author.login);
    const all = (0,pull_requests/* approvers */.DH)(p.reviews).map(a => a.username);
    return {
        counted: all.filter(login => !authors.has(login)),
        authorsWhoApproved: all.filter(login => authors.has(login))
    };
}
/** Every commit of the range came through a merged pull request approved by someone else. */
function codeReviewRecord(input) {
    const unreviewed = [];
    const notes = [...input.notes];
    for (const commit of input.commits) {
        const reason = whyUnreviewed(commit.sha, input);
        if (reason === undefined)
            continue;
        unreviewed.push({
            sha: commit.sha,
            headline: commit.headline,
            author: commit.author,
            author_username: commit.authorUsername,
            reason,
            ...(commit.url ? { url: commit.url } : {})
        });
    }
    for (const p of input.pulls) {
        // GitHub lists 250 at most, and says no more: 250 listed may be all of them, or not.
        if (p.commits.length >= 250) {
            notes.push(`Pull request #${p.pull.number} lists 250 commits, the most GitHub lists; if it has more, it is judged on those 250.`);
        }
    }
    const pulls = [...input.pulls].sort((a, b) => a.pull.number - b.pull.number);
    if (unreviewed.length > RECORD_LIST_LIMIT) {
        notes.push(`unreviewed lists the first ${RECORD_LIST_LIMIT} of ${unreviewed.length} unreviewed commits.`);
    }
    if (pulls.length > RECORD_LIST_LIMIT) {
        notes.push(`pull_requests lists the first ${RECORD_LIST_LIMIT} of ${pulls.length} pull requests.`);
    }
    const record = {
        schema_version: 1,
        base: input.base,
        base_source: input.baseSource,
        head: input.head,
        commits: input.commits.length,
        reviewed: input.commits.length - unreviewed.length,
        unreviewed: unreviewed.slice(0, RECORD_LIST_LIMIT).map(u => ({
            sha: u.sha,
            headline: u.headline,
            author: u.author,
            author_username: u.author_username,
            reason: u.reason
        })),
        pull_requests: pulls.slice(0, RECORD_LIST_LIMIT).map(p => ({
            number: p.pull.number,
            url: p.pull.html_url,
            author: p.pull.user?.login ?? '',
            approvers: (0,pull_requests/* approvers */.DH)(p.reviews).map(a => a.username),
            merged_at: p.pull.merged_at ? Math.floor(Date.parse(p.pull.merged_at) / 1000) : null,
            commits_listed: p.commits.length
        })),
        required_approvals: input.requiredApprovals,
        notes
    };
    return { record, compliant: unreviewed.length === 0, unreviewed };
}
function whyUnreviewed(sha, input) {
    const containing = pullsContaining(sha, input.pulls, input.associated);
    if (containing.length === 0)
        return 'pushed directly: no pull request contains it';
    const merged = containing.filter(p => p.pull.merged_at);
    if (merged.length === 0) {
        return `only in pull requests that are not merged (${containing.map(p => `#${p.pull.number} ${p.pull.state}`).join(', ')})`;
    }
    const why = [];
    for (const p of merged) {
        const { counted, authorsWhoApproved } = independentApprovers(p);
        if (counted.length >= input.requiredApprovals)
            return undefined;
        why.push(`#${p.pull.number} has ${counted.length} of ${input.requiredApprovals} required approvals from someone other than its authors` +
            (authorsWhoApproved.length > 0
                ? ` (${authorsWhoApproved.map(q).join(', ')} approved but authored it)`
                : ''));
    }
    return `not reviewed by someone else: ${why.join('; ')}`;
}
function q(login) {
    return login === '' ? 'a deleted account' : login;
}

// EXTERNAL MODULE: ./src/github/release-facts.ts
var release_facts = __webpack_require__(8848);
// EXTERNAL MODULE: ./src/inputs/problems.ts
var problems = __webpack_require__(8925);
// EXTERNAL MODULE: ./src/print.ts
var print = __webpack_require__(3996);
// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
;// CONCATENATED MODULE: ./src/stages/approval-evidence.ts





async function gatherApprovalEvidence(settings, facts, log) {
    return settings.evidence === 'deployment-approval'
        ? deploymentApproval(settings, facts, log)
        : codeReview(settings, facts, log);
}
async function deploymentApproval(settings, facts, log) {
    const environment = settings.githubEnvironment ?? '';
    const reviews = await facts.runReviews(settings.runId);
    const record = deploymentApprovalRecord({
        environment,
        reviews,
        runUrl: settings.runUrl,
        runAttempt: settings.runAttempt,
        actor: settings.actor,
        triggeringActor: settings.triggeringActor,
        requiredApprovals: settings.requiredApprovals,
        allowSelfApproval: settings.allowSelfApproval
    });
    if (record.reviews.length === 0)
        log.warning((0,print/* inert */.tJ)(record.reasons[0]));
    for (const r of record.reviews) {
        log.info(`Review for '${(0,print/* inert */.tJ)(environment)}': ${(0,print/* inert */.tJ)(r.reviewer || '(deleted account)')} ${r.state}${r.counted ? '' : ` (not counted: ${r.not_counted_because})`}.`);
    }
    const lines = [
        record.compliant
            ? `✅ **Compliant**: ${countedApprovers(record)} approved the deployment to ${(0,summary/* codeSpan */.SS)(environment)} (${settings.requiredApprovals} required).`
            : `❌ **Non-compliant**: ${(0,summary/* markdownText */.p7)(record.reasons.join(' '), 4000)}`,
        ''
    ];
    const notCounted = record.reviews.filter(r => !r.counted);
    if (notCounted.length > 0) {
        lines.push((0,summary/* table */.tp)(['Reviewer', 'State', 'Not counted because', 'Comment'], notCounted.map(r => [
            (0,summary/* markdownText */.p7)(r.reviewer || '(deleted account)'),
            r.state,
            r.not_counted_because ?? '–',
            (0,summary/* markdownText */.p7)(r.comment || '–')
        ]), `${notCounted.length} reviews that did not count`, 200_000));
    }
    return {
        record,
        compliant: record.compliant,
        ...(record.compliant ? {} : { nonCompliantBecause: record.reasons.join(' ') }),
        summary: lines.join('\n')
    };
}
function countedApprovers(record) {
    const names = [...new Set(record.reviews.filter(r => r.counted).map(r => r.reviewer))];
    return names.map(n => (0,summary/* markdownText */.p7)(n || '(deleted account)')).join(', ');
}
async function codeReview(settings, facts, log) {
    const notes = [];
    const { base, baseSource, baseText } = await findBase(settings, facts, log, notes);
    let range;
    if (base === null) {
        range = [await facts.commit(settings.head)];
    }
    else {
        const comparison = await facts.compare(base, settings.head, total => {
            if (total > settings.maxCommits) {
                throw new problems/* InputError */.d([
                    `'max-commits': the range ${base}...${settings.head} holds ${total} commits, more than max-commits (${settings.maxCommits}); give commits-base a later commit (the base is ${baseText}) or raise max-commits`
                ]);
            }
        });
        range = comparison.commits;
        if (range.length < comparison.totalCommits) {
            notes.push(`truncated: GitHub listed ${range.length} of the ${comparison.totalCommits} commits of the range; only those were reviewed`);
            log.warning(`code-review: GitHub listed ${range.length} of the ${comparison.totalCommits} commits of ${base}...${settings.head}; only those are reviewed.`);
        }
        if (comparison.status === 'behind') {
            notes.push(`rollback: ${settings.head} is behind the base ${base}; there are no new commits to review`);
        }
        else if (comparison.status === 'identical') {
            notes.push(`identical: ${settings.head} is the base; there are no new commits to review`);
            log.warning(`code-review: the head ${settings.head} is the base (${(0,print/* inert */.tJ)(baseText)}); nothing new is deployed, so nothing is reviewed.`);
        }
        else if (comparison.status === 'diverged') {
            notes.push(`diverged: ${settings.head} is not a descendant of the base ${base}; the commits since their merge base are reviewed`);
        }
    }
    checkRateLimit(range, facts);
    const { pulls, associated } = await findPulls(range, facts);
    const verdict = codeReviewRecord({
        base,
        baseSource,
        head: settings.head,
        commits: range.map(toFact),
        pulls,
        associated,
        requiredApprovals: settings.requiredApprovals,
        notes
    });
    const { record } = verdict;
    log.info(`code-review: ${record.reviewed} of ${record.commits} commits since ${(0,print/* inert */.tJ)(baseText)} were reviewed, through ${pulls.length} pull requests (${facts.requests} GitHub requests).`);
    for (const u of verdict.unreviewed.slice(0, 50)) {
        log.info(`Not reviewed: ${u.sha.slice(0, 12)} ${(0,print/* inert */.tJ)(u.headline)}: ${(0,print/* inert */.tJ)(u.reason)}`);
    }
    return {
        record,
        compliant: verdict.compliant,
        ...(verdict.compliant
            ? {}
            : {
                nonCompliantBecause: `${verdict.unreviewed.length} of ${record.commits} commits were not reviewed`
            }),
        commits: record.commits,
        unreviewed: verdict.unreviewed.map(u => u.sha),
        summary: codeReviewSummary(verdict, baseText)
    };
}
async function findBase(settings, facts, log, notes) {
    if (settings.commitsBase) {
        return {
            base: settings.commitsBase,
            baseSource: { kind: 'input' },
            baseText: `commits-base ${settings.commitsBase}`
        };
    }
    const environment = settings.githubEnvironment;
    if (!environment) {
        notes.push('first deployment: neither commits-base nor github-environment was given, so only the head commit is reviewed');
        log.warning('code-review: neither commits-base nor github-environment is given, so only the head commit is reviewed. Set github-environment to review every commit since the last deployment.');
        return { base: null, baseSource: null, baseText: 'no base' };
    }
    const run = await facts.workflowRun(settings.runId);
    const found = await facts.lastSuccessfulDeployment(environment, run.createdAt);
    if (found.truncated) {
        log.warning(`code-review: environment '${(0,print/* inert */.tJ)(environment)}' has more deployments than the ${found.listed} read; the base is the newest successful one among them.`);
    }
    if (!found.deployment) {
        if (found.listed === 0) {
            const named = await facts.recentEnvironments();
            log.warning(`code-review: no deployment names the environment '${(0,print/* inert */.tJ)(environment)}'. ` +
                (named.length > 0
                    ? `Recent deployments name: ${named.map(n => `'${(0,print/* inert */.tJ)(n)}'`).join(', ')}.`
                    : 'The repository has no recent deployments.') +
                " Check github-environment (it must match the job's environment: name).");
        }
        notes.push(`first deployment: no successful deployment to '${environment}' was created before this run, so only the head commit is reviewed`);
        return { base: null, baseSource: null, baseText: 'no earlier deployment (first deployment)' };
    }
    const d = found.deployment;
    const createdAt = Math.floor(Date.parse(d.createdAt) / 1000);
    return {
        base: d.sha,
        baseSource: { kind: 'github-deployment', deployment_id: d.id, created_at: createdAt },
        baseText: `deployment ${d.id} to '${environment}' of ${d.createdAt} (${d.sha})`
    };
}
/**
 * Before the lookups: what they may cost against what GitHub has left. A merge commit and the
 * commits it brings in cost one lookup and two pull-request reads; any other commit as much alone.
 */
function estimateLookups(range) {
    const inRange = new Map(range.map(c => [c.sha, c]));
    const covered = new Set();
    const merges = range.filter(c => c.parents.length > 1);
    for (const merge of merges) {
        const first = reachable(merge.parents[0], inRange);
        for (const side of merge.parents.slice(1)) {
            for (const sha of reachable(side, inRange))
                if (!first.has(sha))
                    covered.add(sha);
        }
    }
    const alone = range.filter(c => c.parents.length <= 1 && !covered.has(c.sha)).length;
    return 3 * (merges.length + alone);
}
function reachable(from, inRange) {
    const seen = new Set();
    const stack = [from];
    while (stack.length > 0) {
        const sha = stack.pop();
        const commit = inRange.get(sha);
        if (!commit || seen.has(sha))
            continue;
        seen.add(sha);
        stack.push(...commit.parents);
    }
    return seen;
}
function checkRateLimit(range, facts) {
    const estimate = estimateLookups(range);
    const left = facts.rateLimit;
    if (!left || estimate <= left.remaining)
        return;
    const reset = left.reset > 0 ? new Date(left.reset * 1000).toISOString() : 'an unknown time';
    throw new release_facts/* GitHubFactsError */.hS(`code-review needs about ${estimate} GitHub requests for the ${range.length} commits of the range, and GitHub's rate limit has ${left.remaining} left (x-ratelimit-remaining); it resets at ${reset}. ` +
        'Run the step after the reset, or give commits-base a later commit to review a shorter range.');
}
/**
 * The pull requests of the range. Merge commits are looked up first: each names its pull request,
 * whose commit list then covers the commits it brought in without a lookup of their own.
 */
async function findPulls(range, facts) {
    const attributed = new Set();
    const associated = new Map();
    const pulls = new Map();
    const readPull = (number, pull) => {
        let read = pulls.get(number);
        if (!read) {
            read = Promise.all([facts.pullReviews(number), facts.pullCommits(number)]).then(([reviews, commits]) => {
                // Only a merged pull request vouches for its commits; others still get their own lookup.
                if (pull.merged_at) {
                    for (const c of commits)
                        attributed.add(c.sha);
                    if (pull.merge_commit_sha)
                        attributed.add(pull.merge_commit_sha);
                }
                return { pull, reviews, commits };
            });
            pulls.set(number, read);
        }
        return read;
    };
    const lookUp = async (sha) => {
        const found = await facts.pullsOfCommit(sha);
        associated.set(sha, found.map(p => p.number));
        await Promise.all(found.map(p => readPull(p.number, p)));
    };
    const work = async (queue) => {
        const next = async () => {
            for (let c = queue.shift(); c; c = queue.shift()) {
                if (!attributed.has(c.sha))
                    await lookUp(c.sha);
            }
        };
        // The client keeps 4 in flight; as many workers keep it busy without racing ahead of attribution.
        await Promise.all(Array.from({ length: 4 }, next));
    };
    await work(range.filter(c => c.parents.length > 1));
    await work(range.filter(c => c.parents.length <= 1));
    return { pulls: await Promise.all(pulls.values()), associated };
}
function toFact(c) {
    return {
        sha: c.sha,
        headline: c.headline,
        author: c.author,
        authorUsername: c.authorUsername,
        ...(c.url ? { url: c.url } : {})
    };
}
function codeReviewSummary(verdict, baseText) {
    const { record } = verdict;
    const since = (0,summary/* markdownText */.p7)(baseText, 500);
    const lines = [
        verdict.compliant
            ? `✅ **Compliant**: all ${record.commits} commits since ${since} were reviewed (${record.required_approvals} approval${record.required_approvals === 1 ? '' : 's'} by someone other than their authors).`
            : `❌ **Non-compliant**: ${verdict.unreviewed.length} of ${record.commits} commits since ${since} were not reviewed (${record.reviewed} reviewed).`,
        ''
    ];
    for (const note of record.notes)
        lines.push(`- ${(0,summary/* markdownText */.p7)((0,summary/* capText */.yA)(note, 1000))}`);
    if (record.notes.length > 0)
        lines.push('');
    if (verdict.unreviewed.length > 0) {
        lines.push((0,summary/* table */.tp)(['Commit', 'Headline', 'Author', 'Why not reviewed'], verdict.unreviewed.map(u => [
            (0,summary/* link */.nf)((0,summary/* codeSpan */.SS)(u.sha.slice(0, 12)), u.url),
            (0,summary/* markdownText */.p7)(u.headline),
            (0,summary/* markdownText */.p7)(u.author_username ? `${u.author} (${u.author_username})` : u.author),
            (0,summary/* markdownText */.p7)(u.reason)
        ]), `${verdict.unreviewed.length} unreviewed commits`, 400_000));
    }
    return lines.join('\n');
}


/***/ })

};
