// Calls every endpoint of a running instance through the typed client and checks what comes back.
//   MAGSLEEP_URL      the instance, e.g. http://127.0.0.1:5080
//   MAGSLEEP_API_KEY  a partner key it knows: every call but the anonymous ones below uses it, so that only those
//                     spend the anonymous budget, which the instance must run small (RateLimits:AnonymousPerMinute)
//                     for the 429 to come.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createMagSleepClient, problemOf, retryAfterSeconds, type Language, type Schemas } from "../src/client.js";

const baseUrl = process.env.MAGSLEEP_URL ?? "http://localhost:5080";
const apiKey = process.env.MAGSLEEP_API_KEY;
const api = createMagSleepClient(apiKey ? { baseUrl, apiKey } : { baseUrl });
const languages: Language[] = ["en", "zh-CN"];

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a 200, after checking the status and, when asked, the language it is in. */
function ok<T>({ data, error, response }: Answer<T>, language?: Language): T {
  assert.equal(response.status, 200, `${response.url}: ${response.status} ${JSON.stringify(error)}`);
  if (language) {
    assert.equal(response.headers.get("Content-Language"), language, response.url);
  }
  assert.ok(data !== undefined, `${response.url}: no body`);
  return data;
}

function problem({ error, response }: Answer<unknown>, status: number) {
  assert.equal(response.status, status, response.url);
  const found = problemOf(response, error);
  assert.ok(found, `${response.url}: not a problem+json body (${response.headers.get("Content-Type")})`);
  assert.equal(found.status, status);
  assert.ok(found.title.length > 0);
  assert.match(found.traceId ?? "", /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  return found;
}

/** How a page would show a plan's range: the code that crashed when the document said the range is never null. */
function rangeText(plan: Schemas["GuidancePlan"]): string {
  return plan.dailyRangeMg ? `${plan.dailyRangeMg.min}–${plan.dailyRangeMg.max} mg` : "ask a clinician";
}

interface QuestionnaireItem {
  linkId: string;
  type?: string;
  item?: QuestionnaireItem[];
}

function linkIds(items: QuestionnaireItem[]): string[] {
  return items.flatMap((item) => [item.linkId, ...linkIds(item.item ?? [])]);
}

/** The QuestionnaireResponse items for these answers, in the questionnaire's own groups; unanswered questions left out. */
function answer(items: QuestionnaireItem[], answers: Record<string, number | boolean | null | undefined>): object[] {
  return items.flatMap((item): object[] => {
    if (item.type === "group") {
      const inner = answer(item.item ?? [], answers);
      return inner.length > 0 ? [{ linkId: item.linkId, item: inner }] : [];
    }
    const value = answers[item.linkId];
    if (value === undefined || value === null) {
      return [];
    }
    return [{ linkId: item.linkId, answer: [typeof value === "number" ? { valueInteger: value } : { valueBoolean: value }] }];
  });
}

/** The safety policy: the strictest finding decides the verdict. */
function strictestVerdict(findings: Schemas["Finding"][]): Schemas["Verdict"] {
  const severities = findings.map((f) => f.severity);
  return severities.includes("consult-clinician") ? "consult-clinician" : severities.includes("caution") ? "caution" : "ok";
}

const hasChinese = (text: string | null | undefined) => /\p{Script=Han}/u.test(text ?? "");

const insomniaNights: Schemas["AssessmentRequest"] = {
  sleepOnsetMinutes: 45,
  nightWakings: 2,
  nightsPerWeek: 4,
  durationDays: 60,
  racingMind: true,
};

describe("health", () => {
  test("live and ready", async () => {
    assert.equal(ok(await api.GET("/health/live")).status, "live");
    const ready = ok(await api.GET("/health/ready"));
    assert.equal(ready.status, "ready");
    assert.ok(ready.contentVersion);
    assert.ok((ready.articles ?? 0) >= 1);
  });
});

describe("articles", () => {
  for (const lang of languages) {
    test(`catalogue, article, section, in ${lang}`, async () => {
      const catalogue = ok(await api.GET("/api/v1/articles", { params: { query: { lang } } }), lang);
      assert.ok(catalogue.items && catalogue.items.length > 0);
      for (const summary of catalogue.items) {
        assert.equal(summary.language, lang);
        assert.ok(summary.availableLanguages?.includes(lang));
        assert.ok(summary.slug && summary.title);
        assert.match(summary.dateModified ?? "", /^\d{4}-\d{2}-\d{2}$/);

        const slug = summary.slug;
        const article = ok(await api.GET("/api/v1/articles/{slug}", { params: { path: { slug }, query: { lang } } }), lang);
        assert.equal(article.slug, slug);
        assert.equal(article.title, summary.title);
        assert.ok(article.sections && article.sections.length > 0);
        assert.ok(article.source);

        const sectionId = article.sections[0]?.id;
        assert.ok(sectionId);
        const section = ok(
          await api.GET("/api/v1/articles/{slug}/sections/{sectionId}", { params: { path: { slug, sectionId }, query: { lang } } }),
          lang,
        );
        assert.equal(section.id, sectionId);
        assert.equal(section.articleTitle, summary.title);
        assert.ok(section.paragraphs && section.paragraphs.length > 0);
        assert.equal(hasChinese(section.heading), lang === "zh-CN");
      }
    });
  }

  test("Accept-Language chooses the language when no lang is given", async () => {
    const chinese = createMagSleepClient({ baseUrl, ...(apiKey ? { apiKey } : {}), language: "zh-CN" });
    const catalogue = ok(await chinese.GET("/api/v1/articles"), "zh-CN");
    assert.ok(catalogue.items?.every((item) => item.language === "zh-CN" && hasChinese(item.title)));
  });

  test("modifiedSince filters, and a date that is not one is a 400 naming it", async () => {
    const future = ok(await api.GET("/api/v1/articles", { params: { query: { modifiedSince: "2999-01-01" } } }));
    assert.deepEqual(future.items, []);
    const past = ok(await api.GET("/api/v1/articles", { params: { query: { modifiedSince: "2000-01-01" } } }));
    assert.ok(past.items && past.items.length > 0);

    const wrong = problem(await api.GET("/api/v1/articles", { params: { query: { modifiedSince: "last tuesday" } } }), 400);
    assert.deepEqual(Object.keys(wrong.errors ?? {}), ["modifiedSince"]);
    assert.ok(!JSON.stringify(wrong).includes("last tuesday"), "a 400 never repeats the value sent");
  });

  test("a conditional GET with the ETag is a 304 without a body", async () => {
    const first = await api.GET("/api/v1/articles/{slug}", { params: { path: { slug: "magnesium-and-sleep" } } });
    ok(first);
    const etag = first.response.headers.get("ETag");
    assert.match(etag ?? "", /^(W\/)?"[^"]+"$/);
    assert.match(first.response.headers.get("Cache-Control") ?? "", /max-age=\d+/);

    const again = await api.GET("/api/v1/articles/{slug}", {
      params: { path: { slug: "magnesium-and-sleep" } },
      headers: { "If-None-Match": etag ?? "" },
    });
    assert.equal(again.response.status, 304);
    assert.equal(again.response.headers.get("ETag"), etag);
    assert.equal(again.data, undefined);
    assert.ok(!again.error, "a 304 has no body");
  });

  test("JSON-LD is a schema.org MedicalWebPage", async () => {
    const linked = createMagSleepClient<"application/ld+json" | "application/problem+json">({
      baseUrl,
      ...(apiKey ? { apiKey } : {}),
      headers: { Accept: "application/ld+json" },
    });
    const { data, response } = await linked.GET("/api/v1/articles/{slug}", { params: { path: { slug: "magnesium-and-sleep" } } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("Content-Type") ?? "", /^application\/ld\+json/);
    const page: Record<string, unknown> = { ...data };
    assert.equal(page["@context"], "https://schema.org");
    assert.equal(page["@type"], "MedicalWebPage");
  });

  test("an unknown article is a 404 problem", async () => {
    problem(await api.GET("/api/v1/articles/{slug}", { params: { path: { slug: "no-such-article" } } }), 404);
    problem(
      await api.GET("/api/v1/articles/{slug}/sections/{sectionId}", {
        params: { path: { slug: "magnesium-and-sleep", sectionId: "no-such-section" } },
      }),
      404,
    );
  });

  for (const lang of languages) {
    test(`studies in ${lang}`, async () => {
      const studies = ok(await api.GET("/api/v1/studies", { params: { query: { lang } } }), lang);
      assert.ok(studies.items && studies.items.length > 0);
      for (const entry of studies.items) {
        assert.ok(entry.slug && entry.sectionId && entry.study);
      }
    });
  }
});

describe("search", () => {
  const queries: Record<Language, string> = { en: "melatonin", "zh-CN": "褪黑素" };
  for (const lang of languages) {
    test(`finds ${queries[lang]} in ${lang}`, async () => {
      const found = ok(await api.GET("/api/v1/search", { params: { query: { q: queries[lang], lang } } }), lang);
      assert.ok(found.items && found.items.length > 0);
      assert.ok(found.items.some((hit) => hit.sectionId === "pathway-melatonin"));
      assert.ok(found.items.every((hit) => hit.slug && hit.snippet));
    });
  }

  test("an empty query is a 400 naming q, in the asker's language", async () => {
    const wrong = problem(await api.GET("/api/v1/search", { params: { query: { q: "", lang: "zh-CN" } } }), 400);
    assert.deepEqual(Object.keys(wrong.errors ?? {}), ["q"]);
  });
});

describe("screening", () => {
  for (const lang of languages) {
    test(`the FHIR questionnaire in ${lang}, answered as a QuestionnaireResponse`, async () => {
      const { data, response } = await api.GET("/api/v1/insomnia/questionnaire", {
        params: { query: { lang } },
        headers: { Accept: "application/fhir+json" },
      });
      assert.equal(response.status, 200);
      assert.match(response.headers.get("Content-Type") ?? "", /^application\/fhir\+json/);
      assert.equal(response.headers.get("Content-Language"), lang);
      const questionnaire = data as { resourceType?: unknown; language?: unknown; url?: unknown; version?: unknown; item?: QuestionnaireItem[] };
      assert.equal(questionnaire.resourceType, "Questionnaire");
      assert.equal(questionnaire.language, lang);
      const asked = new Set(linkIds(questionnaire.item ?? []));
      for (const field of Object.keys(insomniaNights)) {
        assert.ok(asked.has(field), `the questionnaire asks ${field}`);
      }

      const answers: Record<string, number | boolean | null | undefined> = { ...insomniaNights };
      const body = {
        resourceType: "QuestionnaireResponse",
        questionnaire: `${questionnaire.url}|${questionnaire.version}`,
        status: "completed",
        item: answer(questionnaire.item ?? [], answers),
      };
      const fromFhir = await api.POST("/api/v1/insomnia/assessments", {
        params: { query: { lang } },
        body,
        headers: { "Content-Type": "application/fhir+json" },
      });
      const fromJson = ok(await api.POST("/api/v1/insomnia/assessments", { params: { query: { lang } }, body: insomniaNights }), lang);
      assert.deepEqual(ok(fromFhir, lang), fromJson);
    });

    test(`an insomnia pattern in ${lang}`, async () => {
      const result = ok(await api.POST("/api/v1/insomnia/assessments", { params: { query: { lang } }, body: insomniaNights }), lang);
      assert.equal(result.classification, "insomnia-pattern");
      assert.equal(result.meetsCriteria, true);
      assert.ok(result.criteria?.some((c) => c.met && c.observed && c.threshold && c.source));
      assert.ok(result.pathways && result.pathways.length > 0);
      assert.ok(result.ruleSetVersion && result.disclaimer);
      assert.equal(hasChinese(result.summary?.text), lang === "zh-CN");
    });
  }

  test("no complaint is no pattern", async () => {
    const body: Schemas["AssessmentRequest"] = { sleepOnsetMinutes: 10, nightWakings: 0, nightsPerWeek: 0, durationDays: 0 };
    const result = ok(await api.POST("/api/v1/insomnia/assessments", { body }));
    assert.equal(result.classification, "no-pattern");
    assert.equal(result.meetsCriteria, false);
  });

  test("an out-of-range answer is a 400 naming the field", async () => {
    const wrong = problem(await api.POST("/api/v1/insomnia/assessments", { body: { ...insomniaNights, nightsPerWeek: 8 } }), 400);
    assert.deepEqual(Object.keys(wrong.errors ?? {}), ["nightsPerWeek"]);
  });
});

describe("magnesium", () => {
  for (const lang of languages) {
    test(`a compound dose with a medicine, in ${lang}`, async () => {
      const body: Schemas["DoseCheckRequest"] = {
        amountMg: 1500,
        amountBasis: "compound",
        form: "glycinate",
        age: 42,
        sex: "female",
        medications: ["blood-pressure"],
      };
      const result = ok(await api.POST("/api/v1/magnesium/dose-checks", { params: { query: { lang } }, body }), lang);
      assert.equal(result.amountBasis, "compound");
      assert.ok(result.elementalFraction && result.elementalFraction > 0 && result.elementalFraction < 1);
      assert.ok(Math.abs((result.elementalMg ?? 0) - 1500 * result.elementalFraction) < 0.5);
      // A consult-clinician answer names no limit outside a finding; about 211 mg of magnesium is below the adult 350 mg.
      assert.equal(result.supplementUpperLimit, null);
      assert.equal(result.aboveSupplementUpperLimit, (result.elementalMg ?? 0) > 350);
      const interaction = result.findings?.find((f) => f.ruleId === "medication-interaction");
      assert.ok(interaction, "a blood-pressure medicine is an interaction finding");
      assert.equal(hasChinese(interaction.message), lang === "zh-CN");
      assert.equal(result.verdict, strictestVerdict(result.findings ?? []));
      assert.notEqual(result.verdict, "ok");
    });
  }

  test("above the upper limit is a consult, with a referral and no amount to take", async () => {
    const result = ok(await api.POST("/api/v1/magnesium/dose-checks", { body: { amountMg: 500, age: 42 } }));
    assert.equal(result.aboveSupplementUpperLimit, true);
    assert.equal(result.verdict, "consult-clinician");
    assert.ok(result.findings?.some((f) => f.ruleId === "above-supplement-ul" && f.severity === "consult-clinician" && f.message?.includes("350 mg")));
    assert.equal(result.supplementUpperLimit, null);
    assert.ok(result.clinicianReferral?.reason);
  });

  test("a small elemental dose is ok", async () => {
    const result = ok(await api.POST("/api/v1/magnesium/dose-checks", { body: { amountMg: 100, age: 42 } }));
    assert.equal(result.verdict, "ok");
    assert.equal(result.elementalMg, 100);
  });

  test("a negative amount is a 400 naming amountMg, in Chinese when asked", async () => {
    const answer = await api.POST("/api/v1/magnesium/dose-checks", { params: { query: { lang: "zh-CN" } }, body: { amountMg: -5, age: 42 } });
    const wrong = problem(answer, 400);
    assert.deepEqual(Object.keys(wrong.errors ?? {}), ["amountMg"]);
    assert.equal(answer.response.headers.get("Content-Language"), "zh-CN");
    assert.ok(hasChinese(wrong.errors?.amountMg?.[0]));
  });

  test("forms, one form, tiers and risk groups", async () => {
    const forms = ok(await api.GET("/api/v1/magnesium/forms"));
    assert.ok(forms.items && forms.items.length > 0);
    const first = forms.items[0];
    assert.ok(first?.id);
    const form = ok(await api.GET("/api/v1/magnesium/forms/{id}", { params: { path: { id: first.id }, query: { lang: "zh-CN" } } }), "zh-CN");
    assert.equal(form.id, first.id);
    assert.equal(form.elementalFraction, first.elementalFraction);
    problem(await api.GET("/api/v1/magnesium/forms/{id}", { params: { path: { id: "unobtainium" } } }), 404);

    const tiers = ok(await api.GET("/api/v1/magnesium/dose-tiers"));
    assert.ok(tiers.tiers && tiers.tiers.length > 1);
    assert.ok(tiers.supplementUpperLimits?.some((band) => band.mg === 350));

    const risks = ok(await api.GET("/api/v1/magnesium/risk-groups", { params: { query: { lang: "zh-CN" } } }), "zh-CN");
    assert.ok(risks.riskGroups?.some((group) => group.severity === "consult-clinician"));
  });
});

describe("guidance", () => {
  for (const lang of languages) {
    test(`a plan with a daily range, in ${lang}`, async () => {
      const body: Schemas["GuidanceRequest"] = {
        sleep: { ...insomniaNights, nightLegCramps: true },
        profile: { age: 42, sex: "female" },
        dose: { amountMg: 250 },
      };
      const result = ok(await api.POST("/api/v1/guidance", { params: { query: { lang } }, body }), lang);
      assert.notEqual(result.safety?.verdict, "consult-clinician");
      const plan = result.plan;
      assert.ok(plan);
      const range = plan.dailyRangeMg;
      assert.ok(range, "a person with a sleep complaint and no risk gets a range");
      assert.ok(typeof range.min === "number" && typeof range.max === "number");
      assert.ok(range.min > 0 && range.min <= range.max && range.max <= 350);
      assert.ok(plan.recommendedForms && plan.recommendedForms.length > 0);
      assert.ok(plan.recommendedForms.every((form) => form.reason));
      assert.ok(!plan.clinicianReferral);
      assert.equal(rangeText(plan), `${range.min}–${range.max} mg`);
    });
  }

  const consults: [string, Schemas["ProfileRequest"]][] = [
    ["pregnant", { age: 30, sex: "female", pregnant: true }],
    ["kidney disease", { age: 60, sex: "male", kidneyDisease: true }],
  ];
  for (const [who, profile] of consults) {
    for (const lang of languages) {
      test(`consult a clinician: ${who}, in ${lang}`, async () => {
        const result = ok(await api.POST("/api/v1/guidance", { params: { query: { lang } }, body: { sleep: insomniaNights, profile } }), lang);
        assert.equal(result.safety?.verdict, "consult-clinician");
        const plan = result.plan;
        assert.ok(plan);
        // The case a client must not crash on: no range at all, and the reason instead.
        assert.equal(rangeText(plan), "ask a clinician");
        assert.equal(plan.dailyRangeMg, null);
        assert.ok(!plan.tryForWeeks && !plan.pairWith);
        assert.deepEqual(plan.recommendedForms ?? [], []);
        const referral = plan.clinicianReferral;
        assert.ok(referral?.reason, "a consult plan names its reason");
        assert.equal(hasChinese(referral.reason), lang === "zh-CN");
        assert.ok(referral.ruleIds && referral.ruleIds.length > 0);
        assert.ok(result.safety?.findings?.some((f) => f.severity === "consult-clinician" && referral.ruleIds?.includes(f.ruleId ?? "")));
      });
    }
  }

  test("a plan without its profile is a 400 naming it", async () => {
    const answer = await api.POST("/api/v1/guidance", { body: { sleep: insomniaNights } as Schemas["GuidanceRequest"] });
    const wrong = problem(answer, 400);
    assert.ok(Object.keys(wrong.errors ?? {}).some((field) => field.startsWith("profile")));
  });
});

describe("rules", () => {
  test("the rule set is the version every result cites", async () => {
    const rules = ok(await api.GET("/api/v1/rules"));
    assert.ok(rules.version);
    assert.ok(rules.sources && rules.sources.length > 0);
    const result = ok(await api.POST("/api/v1/insomnia/assessments", { body: insomniaNights }));
    assert.equal(result.ruleSetVersion, rules.version);
  });
});

// Last, and anonymous: these spend the client address's budget, which the instance runs small.
describe("keys and rate limits", () => {
  const anonymous = createMagSleepClient({ baseUrl });

  test("an unknown key is a 401 problem", async () => {
    const stranger = createMagSleepClient({ baseUrl, apiKey: "not-a-key" });
    const answer = await stranger.GET("/api/v1/rules");
    problem(answer, 401);
    assert.match(answer.response.headers.get("WWW-Authenticate") ?? "", /X-Api-Key/);
  });

  test("an anonymous caller over its budget gets a 429 with Retry-After, and health stays open", async () => {
    let answer = await anonymous.GET("/api/v1/rules");
    for (let i = 0; i < 200 && answer.response.status !== 429; i++) {
      assert.equal(answer.response.status, 200);
      answer = await anonymous.GET("/api/v1/rules");
    }
    const limited = problem(answer, 429);
    const wait = retryAfterSeconds(answer.response);
    assert.ok(wait !== undefined && wait >= 1 && wait <= 60, `Retry-After: ${answer.response.headers.get("Retry-After")}`);
    assert.equal(limited.retryAfterSeconds, wait);
    assert.ok(apiKey === undefined || ok(await api.GET("/api/v1/rules")).version, "a partner's budget is its own");
    ok(await anonymous.GET("/health/ready"));
  });
});
