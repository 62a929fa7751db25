// MagSleep reference page. Plain DOM, no framework, no build step: read it as integration example code.
//
// Walk-through:
//   api.js   – the fetch helper (language, JSON, problem+json, Retry-After). Copy it.
//   i18n.js  – the page's own words in en and zh-CN, and labels for the API's enum values.
//   app.js   – this file: loading the catalogues and articles, building the sleep questions from the
//              FHIR Questionnaire the API serves, the three forms, rendering results,
//              mapping a 400's field errors onto the inputs, and switching language.
//
// Two rules hold throughout:
//   * Text from the API is inserted with textContent (via h() below), never as HTML.
//   * A person's answers live only in the form fields and in memory (to re-run a result in the other
//     language). They are never put in the URL, localStorage, sessionStorage or cookies.

import { api, ApiError } from './api.js';
import { LANGUAGES, t as translate, label as enumLabel, initialLanguage } from './i18n.js';

const state = {
  lang: initialLanguage(),
  /** GET /rules: language-independent. Source titles, input ranges, criterion roles. */
  rules: null,
  /** The answerable items of GET /insomnia/questionnaire in the current language: [{ linkId, type, text }]. */
  questions: [],
  /** GET /magnesium/forms in the current language: id → form. */
  forms: new Map(),
  openSlug: null,
  /** The last request body that succeeded, per computation: re-sent when the language changes. Memory only. */
  lastBody: { sleep: null, dose: null, plan: null },
  /** The last 400 shown per form, re-rendered when the language changes. */
  shownProblem: { sleep: null, dose: null, plan: null },
  /** Until when (ms since epoch) the API asked us to wait after a 429, and the timer that re-enables the buttons. */
  retryUntil: 0,
  retryTimer: 0,
};

const t = (key, vars) => translate(state.lang, key, vars);
/** "Label: " with the colon of the language (": " or "："). */
const lead = (key) => `${t(key)}${t('colon')}`;
const label = (kind, value) => enumLabel(state.lang, kind, value);
const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------------
// Small DOM helpers
// ---------------------------------------------------------------------------------------------------

/**
 * h('p', { class: 'x', data: { value: 'ok' } }, 'text', child) → <p class="x" data-value="ok">text…</p>.
 * Strings become text nodes, so API text can never inject markup. null/false children are skipped.
 */
function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'data') Object.entries(value).forEach(([k, v]) => { element.dataset[k] = String(v); });
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function number(value, maximumFractionDigits = 1) {
  return new Intl.NumberFormat(state.lang, { maximumFractionDigits }).format(value);
}

function percent(fraction) {
  return new Intl.NumberFormat(state.lang, { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

/** Article dates are plain ISO dates ("2026-11-21"); format them without letting the time zone shift the day. */
function date(iso) {
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime())
    ? iso
    : new Intl.DateTimeFormat(state.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(parsed);
}

function joinList(items) {
  return items.join(t('list.separator'));
}

/** One AbortController per kind of request: starting a new one cancels the stale one (e.g. after a language switch). */
const controllers = new Map();
function freshSignal(name) {
  controllers.get(name)?.abort();
  const controller = new AbortController();
  controllers.set(name, controller);
  return controller.signal;
}

const isAbort = (error) => error?.name === 'AbortError';

// ---------------------------------------------------------------------------------------------------
// Language
// ---------------------------------------------------------------------------------------------------

/** Puts every piece of page text ([data-i18n]) into the current language. Form values are left alone. */
function applyChrome() {
  document.documentElement.lang = state.lang;
  document.title = t('page.title');
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  $('language').value = state.lang;
}

async function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === state.lang) return;
  state.lang = lang;

  // Only the language goes in the URL, so a shared or reloaded link opens in the same language.
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  history.replaceState(history.state, '', url);

  applyChrome();
  const shown = Object.entries(state.shownProblem).find(([, problem]) => problem);
  if (shown) showProblem(shown[0], shown[1].error, shown[1].body);
  refreshRateLimitBanners();

  // Everything that came from the API comes again, in the new language. Results are re-computed from the
  // last request that succeeded, not from the fields, which may have been edited since.
  await Promise.all([
    loadQuestionnaire(),
    loadArticles(),
    state.openSlug ? openArticle(state.openSlug, { moveFocus: false }) : null,
    loadForms(),
    loadRiskGroups(),
    ...Object.keys(FLOWS).filter((scope) => state.lastBody[scope]).map((scope) => run(scope, state.lastBody[scope], { rerun: true })),
  ]);
}

// ---------------------------------------------------------------------------------------------------
// Catalogues: rules (sources, input ranges), forms, risk groups
// ---------------------------------------------------------------------------------------------------

async function loadRules() {
  try {
    state.rules = await api('/rules', { signal: freshSignal('rules') });
  } catch {
    // Optional: without it, sources show as bare tags and zh-CN field errors fall back to the API's words.
    state.rules = null;
  }
}

/**
 * Builds the sleep questions from GET /insomnia/questionnaire, an HL7 FHIR R4 Questionnaire: one fieldset per
 * group item, a number field per integer item (its SDC minValue/maxValue are the accepted range), a checkbox
 * per boolean item, and a hint from a display item marked as help. After a language change the fields are
 * relabelled where they stand, so answers, focus and any shown errors are kept.
 */
async function loadQuestionnaire() {
  const container = $('sleep-questions');
  try {
    const questionnaire = await api('/insomnia/questionnaire', { lang: state.lang, signal: freshSignal('questionnaire') });
    const groups = questionnaire.item ?? [];
    state.questions = groups.flatMap((group) => (group.item ?? []).filter((item) => item.type !== 'display'));
    const shape = groups.map((group) => [group.linkId, ...(group.item ?? []).map((item) => item.linkId)].join(',')).join(';');
    if (container.dataset.shape === shape) relabelQuestions(groups);
    else {
      container.replaceChildren(...groups.map(renderQuestionGroup));
      container.dataset.shape = shape;
    }
  } catch (error) {
    if (isAbort(error)) return;
    if (!container.querySelector('input')) container.replaceChildren(h('p', { class: 'placeholder', 'data-i18n': 'sleep.failed' }, t('sleep.failed')));
  } finally {
    container.setAttribute('aria-busy', 'false');
  }
}

const helpOf = (item) => (item.item ?? []).find((child) => child.type === 'display'
  && child.extension?.some((e) => e.url.endsWith('/questionnaire-itemControl') && e.valueCodeableConcept?.coding?.some((c) => c.code === 'help')));

function renderQuestionGroup(group) {
  const items = group.item ?? [];
  const numbers = items.some((item) => item.type === 'integer');
  return h('fieldset', { class: numbers ? null : 'checks', data: { linkId: group.linkId } },
    h('legend', {}, group.text),
    items.map((item) => (item.type === 'integer' ? numberQuestion(item) : item.type === 'boolean' ? checkQuestion(item) : null)));
}

function numberQuestion(item) {
  const id = `sleep-${item.linkId}`;
  const help = helpOf(item);
  return h('div', { class: 'field' },
    h('label', { for: id }, item.text),
    help && h('p', { class: 'field-hint', id: `${id}-hint` }, help.text),
    h('input', { id, name: item.linkId, type: 'text', inputmode: 'numeric', autocomplete: 'off', class: 'input-number', 'aria-describedby': help ? `${id}-hint` : null }),
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
}

function checkQuestion(item) {
  const id = `sleep-${item.linkId}`;
  return h('div', { class: 'check' },
    h('input', { id, name: item.linkId, type: 'checkbox' }),
    h('label', { for: id }, item.text),
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
}

function relabelQuestions(groups) {
  for (const group of groups) {
    const fieldset = document.querySelector(`#sleep-questions fieldset[data-link-id="${CSS.escape(group.linkId)}"]`);
    if (fieldset) fieldset.querySelector('legend').textContent = group.text;
    for (const item of group.item ?? []) {
      const label = document.querySelector(`label[for="sleep-${CSS.escape(item.linkId)}"]`);
      if (label) label.textContent = item.text;
      const hint = $(`sleep-${item.linkId}-hint`);
      if (hint) hint.textContent = helpOf(item)?.text ?? '';
    }
  }
}

/** Fills the form <select> from GET /magnesium/forms, keeping what the person had chosen. */
async function loadForms() {
  const select = $('dose-form-select');
  try {
    const { items } = await api('/magnesium/forms', { lang: state.lang, signal: freshSignal('forms') });
    state.forms = new Map(items.map((form) => [form.id, form]));
    const chosen = select.value;
    select.replaceChildren(
      h('option', { value: '', 'data-i18n': 'dose.form.none' }, t('dose.form.none')),
      ...items.map((form) => h('option', { value: form.id }, form.name)),
    );
    select.value = state.forms.has(chosen) ? chosen : '';
  } catch (error) {
    if (!isAbort(error)) showRequestError(error, $('dose-form-status'));
  }
}

/**
 * Builds the medication and condition checkboxes from GET /magnesium/risk-groups: the members of the
 * "medication-interaction" rule are the medication ids, those of "medical-condition" the condition ids.
 * Re-running it (language change) only relabels existing checkboxes, so ticks are kept.
 */
async function loadRiskGroups() {
  try {
    const { riskGroups } = await api('/magnesium/risk-groups', { lang: state.lang, signal: freshSignal('risk-groups') });
    const members = (ruleId) => riskGroups.find((group) => group.ruleId === ruleId)?.members ?? [];
    renderCheckGroup('medications', members('medication-interaction'));
    renderCheckGroup('conditions', members('medical-condition'));
  } catch (error) {
    if (isAbort(error)) return;
    for (const name of ['medications', 'conditions']) {
      const list = $(`dose-${name}-list`);
      if (!list.querySelector('input')) list.replaceChildren(h('p', { class: 'placeholder', 'data-i18n': 'dose.groups.failed' }, t('dose.groups.failed')));
    }
  }
}

function renderCheckGroup(name, members) {
  const list = $(`dose-${name}-list`);
  const ticked = new Set([...list.querySelectorAll('input:checked')].map((input) => input.value));
  list.replaceChildren(...members.map((member) => {
    const id = `dose-${name}-${member.id}`;
    return h('div', { class: 'check' },
      h('input', { type: 'checkbox', id, name, value: member.id, checked: ticked.has(member.id) }),
      h('label', { for: id }, member.name),
      h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
  }));
}

// ---------------------------------------------------------------------------------------------------
// Articles
// ---------------------------------------------------------------------------------------------------

async function loadArticles() {
  const list = $('articles');
  const status = $('articles-status');
  list.setAttribute('aria-busy', 'true');
  if (!list.children.length) list.replaceChildren(h('li', { class: 'placeholder' }, t('articles.loading')));
  try {
    const { items } = await api('/articles', { lang: state.lang, signal: freshSignal('articles') });
    status.replaceChildren();
    list.replaceChildren(...(items.length
      ? items.map((article) => h('li', { class: 'article-item' },
        h('h3', {},
          h('button', {
            type: 'button',
            class: 'link-button',
            data: { slug: article.slug },
            'aria-controls': 'article',
            'aria-current': article.slug === state.openSlug ? 'true' : null,
          }, article.title)),
        h('p', {}, article.summary)))
      : [h('li', { class: 'placeholder' }, t('articles.empty'))]));
  } catch (error) {
    if (isAbort(error)) return;
    list.replaceChildren();
    showRequestError(error, status);
  } finally {
    list.setAttribute('aria-busy', 'false');
  }
}

async function openArticle(slug, { moveFocus = true } = {}) {
  const pane = $('article');
  state.openSlug = slug;
  for (const button of document.querySelectorAll('#articles [data-slug]')) {
    if (button.dataset.slug === slug) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
  pane.setAttribute('aria-busy', 'true');
  try {
    const article = await api(`/articles/${encodeURIComponent(slug)}`, { lang: state.lang, signal: freshSignal('article') });
    pane.replaceChildren(renderArticle(article));
    // Send keyboard and screen-reader users to what they asked for, not on background re-fetches.
    if (moveFocus) $('article-title').focus();
  } catch (error) {
    if (isAbort(error)) return;
    pane.replaceChildren();
    showRequestError(error, $('articles-status'));
  } finally {
    pane.setAttribute('aria-busy', 'false');
  }
}

function renderArticle(article) {
  const studiesBySection = Map.groupBy
    ? Map.groupBy(article.studies, (study) => study.sectionId)
    : article.studies.reduce((map, s) => map.set(s.sectionId, [...(map.get(s.sectionId) ?? []), s]), new Map());
  const others = article.availableLanguages.filter((lang) => lang !== article.language && LANGUAGES.includes(lang));

  return h('article', { lang: article.language, class: 'article' },
    h('h3', { id: 'article-title', tabindex: '-1' }, article.title),
    h('p', { class: 'meta' },
      `${lead('article.updated')}${date(article.dateModified)} · ${lead('article.reviewed')}${date(article.lastReviewed)} · ${lead('article.nextReview')}${date(article.nextReview)}`),
    others.length > 0 && h('p', { class: 'other-language' },
      t('article.otherLanguage'),
      // The language names are written in their own language, like the picker at the top.
      others.map((lang) => h('button', { type: 'button', class: 'link-button', lang, data: { switchLanguage: lang } },
        lang === 'zh-CN' ? '简体中文' : 'English'))),
    h('p', { class: 'lead' }, article.summary),
    article.sections.map((section) => renderSection(section, studiesBySection.get(section.id) ?? [], article.source.id)),
    h('aside', { class: 'article-source', 'aria-labelledby': 'article-source-heading' },
      h('h4', { id: 'article-source-heading' }, t('article.source')),
      h('p', {}, h('strong', {}, article.source.id), ' ', article.source.title),
      h('p', {}, lead('article.publisher'), article.source.publisher),
      h('p', {}, article.source.description),
      h('p', {}, lead('article.adaptation'), article.source.adaptation)));
}

function renderSection(section, studies, sourceId) {
  const headingId = `section-${section.id}`;
  return h('section', { class: 'article-section', 'aria-labelledby': headingId },
    h('h4', { id: headingId }, section.heading),
    section.summary && h('p', { class: 'section-summary' }, section.summary),
    section.paragraphs.map((paragraph) => h('p', {}, paragraph)),
    section.keyPoints.length > 0 && [
      h('h5', {}, t('article.keyPoints')),
      h('ul', { class: 'key-points' }, section.keyPoints.map((point) => h('li', {}, point))),
    ],
    section.references.length > 0 && h('p', { class: 'references' },
      t('article.references', { source: sourceId }), joinList(section.references.map(String))),
    studies.length > 0 && [
      h('h5', {}, t('article.studies')),
      h('ul', { class: 'studies' }, studies.map(renderStudy)),
    ]);
}

function renderStudy(study) {
  const reference = study.reference.number == null
    ? study.reference.source
    : t('study.referenceNumber', { source: study.reference.source, number: study.reference.number });
  const rows = [
    ['study.population', study.population],
    ['study.intervention', study.intervention],
    ['study.dose', study.doseMg == null ? null : t('result.mg', { mg: number(study.doseMg) })],
    ['study.duration', study.duration],
    ['study.design', study.design],
    ['study.outcome', study.outcome],
    ['study.reference', reference],
  ];
  return h('li', { class: 'study' }, h('dl', {}, rows.filter(([, value]) => value).map(([key, value]) => [
    h('dt', {}, t(key)), h('dd', {}, value),
  ])));
}

// ---------------------------------------------------------------------------------------------------
// Reading the forms into request bodies
// ---------------------------------------------------------------------------------------------------

/**
 * A number field's value for the request body. Empty → undefined, so JSON.stringify leaves the field out
 * and the API answers "Is required." (sending 0 would silently answer the question for the person).
 * Full-width digits from a Chinese IME are accepted. Anything else that is not a plain number is sent
 * as typed, so that the API's own validation names the problem (it never echoes the value back).
 */
function numberField(id) {
  const raw = $(id).value.trim()
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xFEE0))
    .replace(/[．。]/g, '.').replace(/－/g, '-');
  if (raw === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

const checked = (id) => $(id).checked;
const checkedValues = (name) => [...document.querySelectorAll(`#dose-${name}-list input:checked`)].map((input) => input.value);

/** The sleep answers under the questionnaire's linkIds, which are the request's field names. */
function sleepBody() {
  return Object.fromEntries(state.questions.map((item) => [item.linkId,
    item.type === 'integer' ? numberField(`sleep-${item.linkId}`) : checked(`sleep-${item.linkId}`)]));
}

function profileFields() {
  return {
    age: numberField('dose-age'),
    sex: $('dose-sex').value,
    pregnant: checked('dose-pregnant'),
    breastfeeding: checked('dose-breastfeeding'),
    kidneyDisease: checked('dose-kidneyDisease'),
    medications: checkedValues('medications'),
    conditions: checkedValues('conditions'),
  };
}

function doseFields() {
  return {
    amountMg: numberField('dose-amountMg'),
    amountBasis: $('dose-amountBasis').value,
    form: $('dose-form-select').value || undefined,
  };
}

/** POST /magnesium/dose-checks takes the dose and the profile side by side. */
function doseBody() {
  return { ...doseFields(), ...profileFields() };
}

/** POST /guidance nests them: { sleep, profile, dose? }. The dose is optional, so it is sent only if the person gave one. */
function planBody() {
  const dose = doseFields();
  const doseGiven = dose.amountMg !== undefined || dose.form !== undefined || dose.amountBasis !== 'elemental';
  return { sleep: sleepBody(), profile: profileFields(), dose: doseGiven ? dose : undefined };
}

// ---------------------------------------------------------------------------------------------------
// Submitting, and what to do with each kind of answer
// ---------------------------------------------------------------------------------------------------

/** The three computations: which endpoint, the form that submits it, where the result goes. */
const FLOWS = {
  sleep: { path: '/insomnia/assessments', form: 'sleep-form', result: 'assessment-result', body: sleepBody, render: renderAssessment },
  dose: { path: '/magnesium/dose-checks', form: 'dose-form', result: 'dose-result', body: doseBody, render: renderDoseCheck },
  plan: { path: '/guidance', form: 'plan-form', result: 'plan-result', body: planBody, render: renderPlan },
};

/** Field errors always describe the latest submission: the plan's errors sit in the other two forms, so each submission clears them all. */
function clearAllErrors() {
  for (const scope of Object.keys(FLOWS)) {
    clearErrors($(FLOWS[scope].form));
    state.shownProblem[scope] = null;
  }
}

async function run(scope, body, { rerun = false } = {}) {
  const flow = FLOWS[scope];
  const result = $(flow.result);
  const status = $(`${flow.form}-status`);
  if (!rerun) clearAllErrors();
  clearStatus(status);
  result.setAttribute('aria-busy', 'true');
  try {
    const answer = await api(flow.path, { method: 'POST', body, lang: state.lang, signal: freshSignal(scope) });
    state.lastBody[scope] = body;
    result.replaceChildren(flow.render(answer));
  } catch (error) {
    if (isAbort(error)) return;
    if (error instanceof ApiError && error.status === 400) {
      // The shown result no longer matches the fields: drop it rather than leave it looking current.
      state.lastBody[scope] = null;
      result.replaceChildren();
      showProblem(scope, error, body, { moveFocus: true });
    } else {
      showRequestError(error, status);
    }
  } finally {
    result.setAttribute('aria-busy', 'false');
  }
}

/** Banners for everything that is not a 400: 429 (with its wait), network failure, 5xx, anything else. */
function showRequestError(error, slot) {
  if (!(error instanceof ApiError)) {
    slot.replaceChildren(h('p', { class: 'banner banner-error' }, t('error.server')));
    return;
  }
  if (error.status === 429) {
    rateLimited(error.retryAfterSeconds ?? 60, slot);
    return;
  }
  const message = error.status === 0 ? t('error.network')
    : error.status >= 500 ? t('error.server')
      : t('error.other', { status: error.status });
  slot.replaceChildren(h('div', { class: 'banner banner-error' },
    h('p', {}, message),
    error.traceId && h('p', { class: 'trace' }, t('error.trace', { traceId: error.traceId }))));
}

// --- 429: wait as long as the API says, with the submit buttons disabled until then. -----------------

function rateLimited(seconds, slot) {
  const until = Date.now() + seconds * 1000;
  state.retryUntil = Math.max(state.retryUntil, until);
  const banner = h('p', { class: 'banner banner-warning', tabindex: '-1', data: { retryBanner: 'true' } });
  slot.replaceChildren(banner);
  refreshRateLimitBanners();

  const buttons = document.querySelectorAll('button[type="submit"]');
  const hadFocus = [...buttons].includes(document.activeElement);
  buttons.forEach((button) => { button.disabled = true; });
  // A disabled button drops keyboard focus to <body>; keep the person where the news is.
  if (hadFocus) banner.focus();

  clearTimeout(state.retryTimer);
  state.retryTimer = setTimeout(() => {
    state.retryUntil = 0;
    buttons.forEach((button) => { button.disabled = false; });
    refreshRateLimitBanners();
  }, state.retryUntil - Date.now());
}

const isWaiting = () => state.retryUntil > Date.now();

function refreshRateLimitBanners() {
  const seconds = Math.max(1, Math.ceil((state.retryUntil - Date.now()) / 1000));
  for (const banner of document.querySelectorAll('[data-retry-banner]')) {
    banner.textContent = isWaiting() ? t('error.rateLimited', { seconds }) : t('error.rateLimitOver');
  }
}

// --- 400: field errors next to the fields -----------------------------------------------------------

/** The guidance body nests the sleep answers under "sleep" and the dose-form fields under "profile" and "dose". */
const GUIDANCE_PARTS = { sleep: 'sleep', profile: 'dose', dose: 'dose' };

/** Field ids that cannot follow "<form>-<name>": the form <select> would otherwise clash with <form id="dose-form">. */
const ID_EXCEPTIONS = { 'dose-form': 'dose-form-select' };

/**
 * The page element for an error key of a 400, or null when the key names no field on the page.
 *   sleep:  "sleepOnsetMinutes"         → #sleep-sleepOnsetMinutes
 *   dose:   "age", "form"               → #dose-age, #dose-form-select
 *           "medications[1]"            → the checkbox of the 2nd medication *sent* (#dose-medications-<id>)
 *           "medications"               → the whole group (#dose-medications fieldset)
 *   plan:   "sleep.nightsPerWeek"       → #sleep-nightsPerWeek
 *           "profile.age", "dose.amountMg", "profile.conditions[0]" → the dose form's fields
 *   "body", "sleep" (the object as a whole) and anything unexpected → null: shown in the form's summary.
 */
function fieldForErrorKey(scope, key, body) {
  let prefix = scope;
  let part = body;
  let path = key;
  if (scope === 'plan') {
    const dot = key.indexOf('.');
    const head = key.slice(0, dot);
    if (dot < 0 || !(head in GUIDANCE_PARTS)) return null;
    prefix = GUIDANCE_PARTS[head];
    part = body?.[head];
    path = key.slice(dot + 1);
  }
  const match = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(path);
  if (!match) return null;
  const [, name, index] = match;
  let id = `${prefix}-${name}`;
  if (index !== undefined) {
    const item = part?.[name]?.[Number(index)];
    if (typeof item !== 'string') return null;
    id = `${prefix}-${name}-${item}`;
  }
  const element = $(ID_EXCEPTIONS[id] ?? id);
  return element?.matches('input, select, textarea, fieldset') ? element : null;
}

/**
 * The message to show for one field. In English, the API's own words. The API writes its validation
 * messages in English only, so for zh-CN the few shapes it uses are recognised and said in Chinese,
 * with the limits taken from GET /rules; an unrecognised message is shown as the API wrote it.
 */
function fieldMessage(key, message) {
  if (state.lang === 'en') return message;
  if (/^Is required\.?$/.test(message)) return t('error.required');
  if (/^Is required when amountBasis is compound/.test(message)) return t('error.formRequired');
  if (/^Must be one of/.test(message)) return t('error.oneOf');
  const name = key.split('.').pop();
  const inputs = state.rules?.inputs;
  const range = inputs?.sleep?.[name] ?? inputs?.dose?.[name];
  if (range && /^Must be (from|more than|a whole number|a number)/.test(message)) {
    return t(range.minExclusive ? 'error.numberRange' : 'error.wholeRange', { min: range.min, max: range.max });
  }
  return message;
}

function showProblem(scope, error, body, { moveFocus = false } = {}) {
  const flow = FLOWS[scope];
  clearAllErrors();
  state.shownProblem[scope] = { error, body };
  const invalid = [];
  const summary = [];
  for (const [key, messages] of Object.entries(error.fieldErrors)) {
    const text = messages.map((message) => fieldMessage(key, message)).join(' ');
    const field = fieldForErrorKey(scope, key, body);
    if (field) {
      markInvalid(field, text);
      invalid.push(field);
    }
    summary.push({ key, text, field });
  }

  // The summary lists every error; the ones tied to a field link to it. A 400 without `errors`
  // (e.g. a body that is not JSON) still gets its title shown.
  const status = $(`${flow.form}-status`);
  const items = summary.map(({ key, text, field }) => h('li', {}, field
    ? h('a', { href: `#${focusTarget(field).id}`, data: { focus: focusTarget(field).id } }, `${fieldName(field)}${t('colon')}${text}`)
    : `${key}${t('colon')}${text}`));
  status.replaceChildren(h('div', { class: 'banner banner-error error-summary' },
    h('p', {}, t('error.summary')),
    items.length ? h('ul', {}, items) : h('p', {}, error.problem?.title ?? t('error.other', { status: 400 }))));

  if (moveFocus && invalid.length) {
    invalid.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    focusTarget(invalid[0]).focus();
  }
}

/** A group (fieldset) takes focus through its first checkbox. */
function focusTarget(field) {
  return field.matches('fieldset') ? field.querySelector('input') ?? field : field;
}

function fieldName(field) {
  const text = field.matches('fieldset')
    ? field.querySelector('legend')?.textContent
    : document.querySelector(`label[for="${field.id}"]`)?.textContent;
  return (text ?? field.id).trim();
}

function markInvalid(field, text) {
  const errorId = `${field.id}-error`;
  const errorElement = $(errorId);
  if (errorElement) {
    errorElement.textContent = text;
    errorElement.hidden = false;
  }
  // aria-invalid belongs on form controls; a group only gets the description.
  if (!field.matches('fieldset')) field.setAttribute('aria-invalid', 'true');
  const described = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  if (errorElement && !described.includes(errorId)) field.setAttribute('aria-describedby', [...described, errorId].join(' '));
}

function clearErrors(form) {
  for (const errorElement of form.querySelectorAll('.field-error')) {
    errorElement.textContent = '';
    errorElement.hidden = true;
  }
  for (const field of form.querySelectorAll('[aria-describedby]')) {
    const kept = field.getAttribute('aria-describedby').split(/\s+/).filter((id) => id && !id.endsWith('-error'));
    if (kept.length) field.setAttribute('aria-describedby', kept.join(' '));
    else field.removeAttribute('aria-describedby');
  }
  form.querySelectorAll('[aria-invalid]').forEach((field) => field.removeAttribute('aria-invalid'));
  clearStatus($(`${form.id}-status`));
}

/** Empties a banner slot, except for a 429 banner whose wait is not over yet. */
function clearStatus(slot) {
  if (slot && !(slot.querySelector('[data-retry-banner]') && isWaiting())) slot.replaceChildren();
}

// ---------------------------------------------------------------------------------------------------
// Rendering results
// ---------------------------------------------------------------------------------------------------

/** A badge shows a localized label and keeps the API's raw value in data-value. Never colour alone: the label is the meaning. */
function badge(kind, value, testId, tone = value) {
  return h('span', { class: `badge tone-${tone}`, data: { value, ...(testId ? { testid: testId } : {}) } }, label(kind, value));
}

function sourcesLine(tags, prefix = 'result.sources') {
  const list = Array.isArray(tags) ? tags : [tags];
  return list.length ? h('p', { class: 'sources' }, t(prefix), joinList(list)) : null;
}

function statementItem(statement) {
  return h('li', { data: { id: statement.id } }, h('p', {}, statement.text), sourcesLine(statement.sources));
}

function definitions(rows) {
  return h('dl', { class: 'facts' }, rows.filter(Boolean).map(([term, ...details]) => [h('dt', {}, term), h('dd', {}, details)]));
}

function heading(level, text, props = {}) {
  return h(`h${level}`, props, text);
}

/** Every source tag a result cites ("sources" arrays and "source" strings), in order of first use. */
function citedSources(result) {
  const tags = [];
  const add = (tag) => { if (typeof tag === 'string' && !tags.includes(tag)) tags.push(tag); };
  (function walk(value) {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'sources' && Array.isArray(inner)) inner.forEach(add);
        else if (key === 'source') add(inner);
        else walk(inner);
      }
    }
  }(result));
  return tags;
}

/** "Sources cited", with each tag's title (and link) from GET /rules. */
function sourcesCited(result, testId) {
  const known = new Map((state.rules?.sources ?? []).map((source) => [source.tag, source]));
  const items = citedSources(result).map((tag) => {
    const source = known.get(tag);
    const title = source?.title?.[state.lang] ?? source?.title?.en;
    return h('li', { data: { tag } },
      h('strong', {}, tag),
      title && [' ', source.url ? h('a', { href: source.url, rel: 'noopener noreferrer' }, title) : title],
      source?.description?.[state.lang] && h('span', { class: 'source-description' }, ' ', source.description[state.lang]));
  });
  return [heading(4, t('result.sourcesCited')), h('ul', { class: 'sources-cited', data: testId ? { testid: testId } : {} }, items)];
}

function resultFooter(result, sourcesTestId) {
  return h('footer', { class: 'result-footer' },
    h('p', { class: 'disclaimer' }, h('strong', {}, lead('result.disclaimer')), h('span', { data: { testid: 'disclaimer' } }, result.disclaimer)),
    sourcesCited(result, sourcesTestId),
    h('p', { class: 'version' }, lead('result.version'), h('span', { data: { testid: 'rule-set-version' } }, result.ruleSetVersion)));
}

function findingsList(findings) {
  return [
    heading(4, t('result.findings')),
    h('ul', { class: 'findings', data: { testid: 'findings' } }, findings.map((finding) => h('li', {
      class: `finding tone-border-${finding.severity}`,
      data: { ruleId: finding.ruleId, severity: finding.severity, ...(finding.details?.group ? { group: finding.details.group } : {}) },
    },
    badge('severity', finding.severity),
    h('p', {}, finding.message),
    sourcesLine(finding.sources)))),
    findings.length === 0 && h('p', { class: 'none' }, t('result.findingsNone')),
  ];
}

function conflictsList(conflicts) {
  return [
    heading(4, t('result.conflicts')),
    h('ul', { class: 'conflicts', data: { testid: 'conflicts' } }, conflicts.map((conflict) => h('li', { class: 'conflict', data: { id: conflict.id, winner: conflict.winner } },
      h('ul', { class: 'positions' }, conflict.positions.map((position) => h('li', {}, h('strong', {}, position.source), t('colon'), position.position))),
      h('p', {}, h('strong', {}, lead('result.resolution')), conflict.resolution),
      h('p', { class: 'winner' }, t('result.winner', { source: conflict.winner }))))),
    conflicts.length === 0 && h('p', { class: 'none' }, t('result.conflictsNone')),
  ];
}

const formName = (id) => state.forms.get(id)?.name ?? id;
const questionLabel = (field) => state.questions.find((item) => item.linkId === field)?.text ?? field;

/** The score counts the symptom criteria met; its maximum comes from the rule set (the result does not say). */
function symptomCount() {
  return state.rules?.insomnia?.criteria?.filter((c) => c.role === 'night-symptom' || c.role === 'daytime-symptom').length ?? null;
}

function renderAssessment(result) {
  const max = symptomCount();
  return h('div', { class: 'result-body' },
    heading(3, t('result.assessment')),
    h('p', { class: 'verdict-line' }, lead('result.classification'),
      badge('classification', result.classification, 'classification', { 'no-pattern': 'ok', 'below-threshold': 'info', 'insomnia-pattern': 'caution' }[result.classification])),
    h('p', {}, result.summary.text), sourcesLine(result.summary.sources),
    definitions([
      [t('result.meetsCriteria'), h('span', { data: { testid: 'meets-criteria', value: result.meetsCriteria } }, t(result.meetsCriteria ? 'yes' : 'no'))],
      [t('result.score'), h('span', { data: { testid: 'score', value: result.score } }, max ? t('result.scoreOf', { score: result.score, max }) : String(result.score))],
      [t('result.duration'), h('span', { data: { testid: 'duration-category', value: result.durationCategory } }, label('duration', result.durationCategory))],
    ]),
    heading(4, t('result.criteria')),
    h('ul', { class: 'criteria', data: { testid: 'criteria' } }, result.criteria.map((criterion) => h('li', { class: 'criterion', data: { id: criterion.id, met: criterion.met } },
      h('p', { class: 'criterion-head' }, h('strong', {}, criterion.label), ' ',
        h('span', { class: `badge tone-${criterion.met ? 'met' : 'unmet'}`, data: { value: criterion.met } }, t(`met.${criterion.met}`))),
      definitions([
        [t('result.observed'), criterion.observed.text],
        [t('result.threshold'), criterion.threshold.text],
        [t('result.sourceTerm'), criterion.source],
      ])))),
    result.pathways.length > 0 && [
      heading(4, t('result.pathways')),
      h('ul', { class: 'pathways', data: { testid: 'pathways' } }, result.pathways.map((pathway) => h('li', { data: { id: pathway.id } },
        heading(5, pathway.name),
        definitions([
          [t('result.matchedBy'), pathway.matchedBy.map(questionLabel).join(t('list.longSeparator'))],
          [t('result.pattern'), pathway.pattern],
          [t('result.mechanism'), pathway.mechanism],
          pathway.suggestedForms.length > 0 && [t('result.suggestedForms'), joinList(pathway.suggestedForms.map(formName))],
        ]),
        sourcesLine(pathway.sources)))),
    ],
    heading(4, t('result.notes')),
    h('ul', { class: 'notes' }, result.notes.map(statementItem)),
    resultFooter(result));
}

function mg(value) {
  return t('result.mg', { mg: number(value) });
}

function ages(min, max) {
  return max >= 120 ? t('result.agesFrom', { min }) : t('result.ages', { min, max });
}

function tierRange(tier) {
  const lower = `${tier.lower.inclusive ? '≥' : '>'} ${mg(tier.lower.mg)}`;
  if (!tier.upper) return lower;
  const upper = `${tier.upper.inclusive ? '≤' : '<'} ${mg(tier.upper.mg)}`;
  return t('result.rangeBoth', { lower, upper });
}

function rdaText(rda) {
  const kind = label('rdaKind', rda.kind);
  const range = ages(rda.minAge, rda.maxAge);
  if (rda.mg != null) {
    return t('result.rdaValue', { mg: number(rda.mg), kind, basis: label('rdaBasis', rda.basis), ages: range });
  }
  return [t('result.rdaOptions', { kind, ages: range }),
    h('ul', { class: 'inline-list' }, rda.options.map((option) => h('li', { data: { basis: option.basis } }, `${label('rdaBasis', option.basis)}${t('colon')}${mg(option.mg)}`)))];
}

function renderDoseCheck(result) {
  const elemental = result.amountBasis === 'compound'
    ? t('result.elementalFrom', { mg: number(result.elementalMg), amount: number(result.amountMg), form: formName(result.form), percent: percent(result.elementalFraction) })
    : mg(result.elementalMg);
  const limit = result.supplementUpperLimit;
  return h('div', { class: 'result-body' },
    heading(3, t('result.dose')),
    h('p', { class: 'verdict-line' }, lead('result.verdict'), badge('verdict', result.verdict, 'verdict')),
    definitions([
      [t('result.tier'), h('span', { data: { testid: 'tier', value: result.tier.id } }, result.tier.name ?? label('tier', result.tier.id)),
        result.tier.lower && h('span', { class: 'detail' }, `${lead('result.tierRange')}${tierRange(result.tier)}`),
        h('span', { class: 'detail' }, result.tier.description)],
      [t('result.elemental'), h('span', { data: { testid: 'elemental-mg', value: result.elementalMg } }, elemental)],
      limit && [t('result.upperLimit'), limit.mg == null ? t('result.upperLimitNone') : t('result.upperLimitValue', { mg: mg(limit.mg), ages: ages(limit.minAge, limit.maxAge) }),
        sourcesLine(limit.sources)],
      [t('result.aboveUpperLimit'), h('span', { data: { testid: 'above-upper-limit', value: result.aboveSupplementUpperLimit } }, t(result.aboveSupplementUpperLimit ? 'yes' : 'no'))],
      result.rda && [t('result.rda'), rdaText(result.rda), sourcesLine(result.rda.sources)],
    ]),
    findingsList(result.findings),
    conflictsList(result.conflicts),
    resultFooter(result));
}

function renderPlan(result) {
  const { safety, plan, assessment } = result;
  return h('div', { class: 'result-body' },
    heading(3, t('result.plan')),
    h('p', { class: 'verdict-line' }, lead('result.verdict'), badge('verdict', safety.verdict, 'plan-verdict')),
    findingsList(safety.findings),
    conflictsList(safety.conflicts),

    plan.clinicianReferral && h('section', { class: 'referral', data: { testid: 'clinician-referral' } },
      heading(4, t('result.referral')),
      h('p', {}, plan.clinicianReferral.reason), sourcesLine(plan.clinicianReferral.sources),
      heading(5, t('result.bring')),
      h('ul', {}, plan.clinicianReferral.bring.map(statementItem))),

    heading(4, t('result.lifestyle')),
    h('ul', { class: 'lifestyle' }, plan.lifestyleFirst.map(statementItem)),

    heading(4, t('result.food')),
    h('p', {}, plan.foodSources.text),
    h('ul', { class: 'inline-list' }, plan.foodSources.items.map((item) => h('li', { data: { id: item.id } }, item.name))),
    sourcesLine(plan.foodSources.sources),

    heading(4, t('result.dailyRange')),
    plan.dailyRangeMg
      ? [h('p', { class: 'daily-range', data: { testid: 'daily-range', value: `${plan.dailyRangeMg.min}-${plan.dailyRangeMg.max}` } },
        t('result.dailyRangeValue', { min: number(plan.dailyRangeMg.min), max: number(plan.dailyRangeMg.max) })),
      h('p', {}, plan.dailyRangeMg.text), sourcesLine(plan.dailyRangeMg.sources)]
      : h('p', { class: 'daily-range', data: { testid: 'daily-range', value: 'none' } }, t('result.dailyRangeNone')),

    heading(4, t('result.forms')),
    plan.recommendedForms.length
      ? h('ol', { class: 'forms', data: { testid: 'recommended-forms' } }, plan.recommendedForms.map((form) => h('li', { data: { id: form.id } },
        h('strong', {}, form.name), h('p', {}, form.reason), sourcesLine(form.sources))))
      : h('p', { class: 'none' }, t('result.formsNone')),

    // Only beside a suggested range: a consult-clinician or no-complaint plan carries neither.
    plan.tryForWeeks && [
      heading(4, t('result.tryFor')),
      h('p', { data: { testid: 'try-for-weeks', value: `${plan.tryForWeeks.min}-${plan.tryForWeeks.max}` } }, plan.tryForWeeks.text),
      sourcesLine(plan.tryForWeeks.sources)],

    plan.pairWith && [
      heading(4, t('result.pairWith')),
      h('p', { data: { id: plan.pairWith.id } }, h('strong', {}, plan.pairWith.name), t('colon'), plan.pairWith.text),
      sourcesLine(plan.pairWith.sources)],

    heading(4, t('result.evidence')),
    h('p', {}, plan.evidence.text), sourcesLine(plan.evidence.sources),

    heading(4, t('result.plan.sleep')),
    h('p', {}, badge('classification', assessment.classification, 'plan-classification',
      { 'no-pattern': 'ok', 'below-threshold': 'info', 'insomnia-pattern': 'caution' }[assessment.classification])),
    h('p', {}, assessment.summary.text),
    assessment.pathways.length > 0 && h('p', {}, lead('result.pathways'), joinList(assessment.pathways.map((p) => p.name))),

    safety.dose && [
      heading(4, t('result.plan.dose')),
      h('p', { data: { tier: safety.dose.tier } }, t('result.plan.doseValue', { mg: number(safety.dose.elementalMg), tier: label('tier', safety.dose.tier) })),
    ],

    resultFooter(result, 'sources'));
}

// ---------------------------------------------------------------------------------------------------
// Wiring
// ---------------------------------------------------------------------------------------------------

function init() {
  applyChrome();

  $('language').addEventListener('change', (event) => { setLanguage(event.target.value); });

  // One listener for the article list (it is rebuilt on every language change).
  $('articles').addEventListener('click', (event) => {
    const button = event.target.closest('[data-slug]');
    if (button) openArticle(button.dataset.slug);
  });
  $('article').addEventListener('click', (event) => {
    const button = event.target.closest('[data-switch-language]');
    if (button) setLanguage(button.dataset.switchLanguage).then(() => $('article-title')?.focus());
  });

  for (const [scope, flow] of Object.entries(FLOWS)) {
    $(flow.form).addEventListener('submit', (event) => {
      event.preventDefault(); // never a real form submission: answers must not end up in a URL
      run(scope, flow.body());
    });
  }

  // Error-summary links move focus to the field itself (following a #fragment only scrolls).
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-focus]');
    if (!link) return;
    event.preventDefault();
    $(link.dataset.focus)?.focus();
  });

  loadRules();
  loadQuestionnaire();
  loadArticles();
  loadForms();
  loadRiskGroups();
}

init();
