//! The planner's pages: an advocate's survivors (with the form to open a new record) and a
//! survivor's plan (their record, their needs grouped immediate / long-term, each need's
//! status, priority, target date, their words and the goal).

use super::*;

/// A survivor in the list.
#[derive(Clone, Debug)]
pub struct SurvivorItem {
    /// Id.
    pub id: String,
    /// Pseudonym.
    pub pseudonym: String,
    /// Open needs.
    pub open_needs: u64,
    /// Overdue follow-ups.
    pub overdue: u64,
    /// Follow-ups in the next seven days.
    pub upcoming: u64,
    /// Referrals stuck in one status for over 14 days.
    pub stuck: u64,
    /// Open needs with no provider found yet.
    pub unprovided: u64,
    /// Follow-ups due today.
    pub due_today: u64,
    /// Referrals waiting on a provider.
    pub waiting: u64,
    /// New answers from providers.
    pub answers: u64,
}

/// The values of the new-survivor form (kept after a mistake).
#[derive(Clone, Debug, Default)]
pub struct SurvivorFields {
    /// Pseudonym.
    pub pseudonym: String,
    /// Age band code.
    pub age_band: String,
    /// Languages: up to three codes, first preferred (empty: none).
    pub languages: [String; 3],
    /// Place.
    pub place: String,
    /// May we call.
    pub call: bool,
    /// May we text.
    pub text: bool,
    /// May we leave a voicemail.
    pub voicemail: bool,
    /// Safe hours.
    pub safe_hours: String,
    /// Code word.
    pub code_word: String,
    /// Notes.
    pub notes: String,
    /// Template code.
    pub template: String,
    /// Two phones: (number, safe-to-use code).
    pub phones: [(String, String); 2],
    /// An email: (address, safe-to-use code).
    pub email: (String, String),
}

/// A record's edit page.
#[derive(Clone, Debug)]
pub struct RecordPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// Survivor id.
    pub survivor_id: String,
    /// Their pseudonym as stored.
    pub pseudonym: String,
    /// The form's values.
    pub form: SurvivorFields,
    /// Languages to choose from: (code, name).
    pub languages: Vec<(String, String)>,
    /// A mistake.
    pub error: Option<FieldError>,
}

const SAFE: [&str; 3] = ["yes", "safe_times", "no"];

/// The record's fields, for a new record and an edit alike.
fn record_fields(
    l: Lang,
    e: &Option<FieldError>,
    f: &SurvivorFields,
    languages: &[(String, String)],
) -> Markup {
    html! {
        label for="pseudonym" { (l.t("plan-pseudonym")) }
        p.hint #pseudonym-hint { (l.t("plan-pseudonym-hint")) }
        (field_error(l, e, "pseudonym"))
        input #pseudonym type="text" name="pseudonym" value=(f.pseudonym) required
            aria-invalid=[invalid(e, "pseudonym")] aria-describedby="pseudonym-hint";
        label for="age_band" { (l.t("plan-age-band")) }
        (field_error(l, e, "age_band"))
        select #age_band name="age_band" aria-invalid=[invalid(e, "age_band")] aria-describedby=[described(e, "age_band")] {
            @for band in AGE_BANDS {
                option value=(band) selected[f.age_band == band] { (l.t(&format!("plan-age-{band}"))) }
            }
        }
        fieldset #languages {
            legend { (l.t("plan-languages")) }
            (field_error(l, e, "languages"))
            @for (i, chosen) in f.languages.iter().enumerate() {
                @let id = format!("language_{}", i + 1);
                label for=(id) { (l.t(&format!("plan-language-{}", i + 1))) }
                select id=(id) name=(id) aria-invalid=[invalid(e, "languages")] {
                    option value="" { (l.t("plan-language-none")) }
                    @for (code, name) in languages { option value=(code) selected[chosen == code] { (name) } }
                }
            }
        }
        label for="place" { (l.t("plan-place")) }
        (field_error(l, e, "place"))
        input #place type="text" name="place" value=(f.place)
            aria-invalid=[invalid(e, "place")] aria-describedby=[described(e, "place")];
        fieldset {
            legend { (l.t("plan-contact")) }
            label.check { input type="checkbox" name="call" value="1" checked[f.call]; " " (l.t("plan-contact-call")) }
            label.check { input type="checkbox" name="text" value="1" checked[f.text]; " " (l.t("plan-contact-text")) }
            label.check { input type="checkbox" name="voicemail" value="1" checked[f.voicemail]; " " (l.t("plan-contact-voicemail")) }
        }
        @for (name, value, safe, key) in [
            ("phone_1", &f.phones[0].0, &f.phones[0].1, "plan-way-phone-1"),
            ("phone_2", &f.phones[1].0, &f.phones[1].1, "plan-way-phone-2"),
            ("email", &f.email.0, &f.email.1, "plan-way-email"),
        ] {
            fieldset.way {
                legend { (l.t(key)) }
                (field_error(l, e, name))
                label for=(name) { (l.t(if name == "email" { "plan-way-address" } else { "plan-way-number" })) }
                input id=(name) type=(if name == "email" { "email" } else { "tel" }) name=(name) value=(value)
                    aria-invalid=[invalid(e, name)];
                @let safe_name = format!("{name}_safe");
                label for=(safe_name) { (l.t("plan-way-safe")) }
                select id=(safe_name) name=(safe_name) {
                    option value="" { (l.t("plan-way-safe-choose")) }
                    @for code in SAFE { option value=(code) selected[safe == code] { (l.t(&format!("plan-safe-{code}"))) } }
                }
            }
        }
        label for="safe_hours" { (l.t("plan-safe-hours")) }
        (field_error(l, e, "safe_hours"))
        input #safe_hours type="text" name="safe_hours" value=(f.safe_hours)
            aria-invalid=[invalid(e, "safe_hours")] aria-describedby=[described(e, "safe_hours")];
        label for="code_word" { (l.t("plan-code-word")) }
        (field_error(l, e, "code_word"))
        input #code_word type="text" name="code_word" value=(f.code_word) autocomplete="off"
            aria-invalid=[invalid(e, "code_word")] aria-describedby=[described(e, "code_word")];
        label for="notes" { (l.t("plan-notes")) }
        (field_error(l, e, "notes"))
        textarea #notes name="notes" rows="4"
            aria-invalid=[invalid(e, "notes")] aria-describedby=[described(e, "notes")] { (f.notes) }
    }
}

const RECORD_FIELDS: [&str; 10] = [
    "pseudonym",
    "age_band",
    "languages",
    "place",
    "phone_1",
    "phone_2",
    "email",
    "safe_hours",
    "code_word",
    "notes",
];

/// A survivor's record, to edit (sealed again when saved).
pub fn record_page(m: &RecordPage) -> Markup {
    let l = m.chrome.lang;
    let e = &m.error;
    let plan = format!("/staff/survivors/{}", m.survivor_id);
    staff_page(
        &m.chrome,
        "plan-title-record",
        html! {
            p { a href=(plan) { (l.tf("plan-back-to", &[("name", &m.pseudonym)])) } }
            h1 { (l.t("plan-record-heading")) }
            p.hint { (l.t("plan-record-lead")) }
            (error_summary(l, e, &RECORD_FIELDS))
            form.staff-form method="post" action=(format!("{plan}/record")) autocomplete="off" {
                input type="hidden" name="csrf" value=(m.csrf);
                (record_fields(l, e, &m.form, &m.languages))
                button type="submit" { (l.t("plan-record-save")) }
            }
        },
    )
}

/// An advocate's survivors.
#[derive(Clone, Debug)]
pub struct SurvivorsPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// Survivors.
    pub survivors: Vec<SurvivorItem>,
    /// The list is only of survivors with this (`overdue`, `today`, …), from the home page.
    pub showing: Option<String>,
    /// Plan templates: (code, label).
    pub templates: Vec<(String, String)>,
    /// The form.
    pub form: SurvivorFields,
    /// Languages to choose from: (code, name).
    pub languages: Vec<(String, String)>,
    /// A mistake.
    pub error: Option<FieldError>,
}

/// A need of the plan.
#[derive(Clone, Debug)]
pub struct NeedItem {
    /// Id.
    pub id: String,
    /// Label of the need.
    pub label: String,
    /// Status code.
    pub status: String,
    /// Priority code.
    pub priority: String,
    /// Target date or empty.
    pub target_date: String,
    /// Their words.
    pub their_words: String,
    /// Goal.
    pub goal: String,
    /// Follow-up date or empty.
    pub follow_up: String,
}

/// A referral on the plan page.
#[derive(Clone, Debug)]
pub struct ReferralItem {
    /// Id.
    pub id: String,
    /// Opaque reference.
    pub reference: String,
    /// The need's id.
    pub need_id: String,
    /// Service name.
    pub service: String,
    /// Organisation name.
    pub organisation: String,
    /// Status code.
    pub status: String,
    /// Decline reason code, if declined.
    pub reason: Option<String>,
    /// Last change, formatted.
    pub updated: String,
    /// Status codes it may move to.
    pub next: Vec<String>,
    /// Follow-up date or empty.
    pub follow_up: String,
}

/// A service found for a need: the public search's card, and its id to refer to.
#[derive(Clone, Debug)]
pub struct CandidateItem {
    /// HSDS service id.
    pub service_id: String,
    /// The card.
    pub view: crate::components::ListingView,
}

/// A consent on the plan page.
#[derive(Clone, Debug)]
pub struct ConsentItem {
    /// Id.
    pub id: String,
    /// Recipient organisation.
    pub organisation: String,
    /// Field group codes.
    pub groups: Vec<String>,
    /// Purpose.
    pub purpose: String,
    /// Expiry date.
    pub expires: String,
    /// Witness.
    pub witness: String,
    /// In force now.
    pub in_force: bool,
}

/// Services found for a need of a plan.
#[derive(Clone, Debug)]
pub struct FindPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// Survivor id.
    pub survivor_id: String,
    /// Need id.
    pub need_id: String,
    /// Need label.
    pub need_label: String,
    /// Where the search ran, if the place was known.
    pub place: Option<String>,
    /// Services near the place, in search's order.
    pub local: Vec<CandidateItem>,
    /// National and statewide lines.
    pub lines: Vec<CandidateItem>,
}

/// One line of a plan's history.
#[derive(Clone, Debug)]
pub struct TimelineItem {
    /// When, formatted.
    pub when: String,
    /// Who (name).
    pub who: String,
    /// What happened.
    pub what: TimelineWhat,
}

/// What happened, put into words by the page.
#[derive(Clone, Debug)]
pub enum TimelineWhat {
    /// An action by its audit code (`plan.need.add`, …).
    Action(String),
    /// A referral reached status `to` (from `from`, or made when `None`).
    Referral {
        /// Its reference.
        reference: String,
        /// The service's name.
        service: String,
        /// Status code left.
        from: Option<String>,
        /// Status code reached.
        to: String,
        /// Decline reason code.
        reason: Option<String>,
    },
    /// Consent given.
    ConsentGiven {
        /// Organisation name.
        organisation: String,
        /// Field group codes.
        groups: Vec<String>,
    },
    /// Consent taken back.
    ConsentRevoked {
        /// Organisation name.
        organisation: String,
    },
    /// A hand-over, with its note.
    HandOver {
        /// Previous primary.
        from: String,
        /// New primary.
        to: String,
        /// The note.
        note: String,
    },
    /// A co-advocate joined.
    CoAdvocate {
        /// Who.
        added: String,
    },
    /// A need was added.
    NeedAdded {
        /// Its label.
        need: String,
    },
    /// A need changed.
    NeedChanged {
        /// Its label.
        need: String,
        /// Status codes (from, to).
        status: Option<(String, String)>,
        /// Priority codes (from, to).
        priority: Option<(String, String)>,
        /// The new follow-up date.
        follow_up: Option<String>,
        /// Whether their words or the goal changed.
        words: bool,
    },
    /// An admin named a new primary (the primary had left).
    NewPrimary {
        /// Who left.
        from: String,
        /// The new primary.
        to: String,
    },
}

/// A survivor's plan.
#[derive(Clone, Debug)]
pub struct PlanPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// Survivor id.
    pub id: String,
    /// Pseudonym.
    pub pseudonym: String,
    /// Age band code.
    pub age_band: String,
    /// Languages by name, first preferred.
    pub languages: String,
    /// Ways to reach them: (kind `phone`/`email`, value, safe-to-use code).
    pub ways: Vec<(String, String, String)>,
    /// Place.
    pub place: String,
    /// Safe-contact preferences: (may call, may text, may leave voicemail).
    pub contact: (bool, bool, bool),
    /// Safe hours.
    pub safe_hours: String,
    /// Code word.
    pub code_word: String,
    /// Notes.
    pub notes: String,
    /// Immediate needs.
    pub immediate: Vec<NeedItem>,
    /// Long-term needs.
    pub long_term: Vec<NeedItem>,
    /// Needs not in the plan yet: (code, label).
    pub add_choices: Vec<(String, String)>,
    /// The referrals.
    pub referrals: Vec<ReferralItem>,
    /// Their advocates: (name, primary).
    pub advocates: Vec<(String, bool)>,
    /// Advocates of the agency to hand over to or add: (id, name); empty when the viewer
    /// may not (only the primary advocate may).
    pub assign_choices: Vec<(String, String)>,
    /// The timeline, oldest first.
    pub timeline: Vec<TimelineItem>,
    /// Consents, newest first.
    pub consents: Vec<ConsentItem>,
    /// Organisations referred to, for a new consent: (HSDS id, name).
    pub recipients: Vec<(String, String)>,
    /// A mistake in a form of the plan page (the need id is empty for the plan's own).
    pub error: Option<(String, FieldError)>,
    /// Today's date (YYYY-MM-DD), to mark follow-ups overdue.
    pub today: String,
}

const STATUSES: [&str; 6] = [
    "identified",
    "being_arranged",
    "in_service",
    "met",
    "declined",
    "on_hold",
];
const PRIORITIES: [&str; 3] = ["high", "medium", "low"];
const AGE_BANDS: [&str; 3] = ["minor", "youth", "adult"];

/// The list of an advocate's survivors and the form to open a record.
pub fn survivors(m: &SurvivorsPage) -> Markup {
    let l = m.chrome.lang;
    let e = &m.error;
    let f = &m.form;
    staff_page(
        &m.chrome,
        "plan-title-survivors",
        html! {
            h1 { (l.t("plan-survivors-heading")) }
            @if let Some(show) = &m.showing {
                p { (l.t(&format!("day-showing-{show}"))) " · " a href="/staff/survivors" { (l.t("day-show-all")) } }
            }
            @if m.survivors.is_empty() {
                p { (l.t("plan-survivors-none")) }
            } @else {
                ul.survivors { @for s in &m.survivors { li {
                    a href=(format!("/staff/survivors/{}", s.id)) { (s.pseudonym) }
                    " · " (l.plural("plan-open-needs", s.open_needs))
                    @if s.overdue > 0 { " · " strong.alert { (l.plural("plan-overdue", s.overdue)) } }
                    @if s.due_today > 0 { " · " strong { (l.plural("day-due-today", s.due_today)) } }
                    @if s.upcoming > 0 { " · " (l.plural("plan-upcoming", s.upcoming)) }
                    @if s.waiting > 0 { " · " (l.plural("day-waiting", s.waiting)) }
                    @if s.answers > 0 { " · " (l.plural("day-answers", s.answers)) }
                    @if s.stuck > 0 { " · " strong.alert { (l.plural("plan-stuck", s.stuck)) } }
                    @if s.unprovided > 0 { " · " (l.plural("plan-unprovided", s.unprovided)) }
                } } }
            }
            h2 #new { (l.t("plan-new-heading")) }
            p.hint { (l.t("plan-new-lead")) }
            (error_summary(l, e, &[&RECORD_FIELDS[..], &["template"]].concat()))
            form.staff-form method="post" action="/staff/survivors" autocomplete="off" {
                input type="hidden" name="csrf" value=(m.csrf);
                (record_fields(l, e, f, &m.languages))
                label for="template" { (l.t("plan-template")) }
                (field_error(l, e, "template"))
                select #template name="template" aria-invalid=[invalid(e, "template")] aria-describedby=[described(e, "template")] {
                    option value="" { (l.t("plan-template-none")) }
                    @for (code, label) in &m.templates {
                        option value=(code) selected[f.template == *code] { (label) }
                    }
                }
                button type="submit" { (l.t("plan-new-submit")) }
            }
        },
    )
}

/// The next follow-up of a need: its own or its live referrals', the earliest.
fn next_follow_up<'a>(m: &'a PlanPage, n: &'a NeedItem) -> Option<&'a str> {
    std::iter::once(n.follow_up.as_str())
        .chain(
            m.referrals
                .iter()
                .filter(|r| r.need_id == n.id && !r.next.is_empty())
                .map(|r| r.follow_up.as_str()),
        )
        .filter(|d| !d.is_empty())
        .min()
}

/// A follow-up date, "Overdue" in words (and colour) once it has passed.
fn follow_up_cell(l: Lang, today: &str, date: Option<&str>) -> Markup {
    html! {
        @match date {
            Some(d) if d < today => { strong.overdue { (l.tf("plan-overdue-on", &[("date", &d)])) } }
            Some(d) if d == today => { strong { (l.tf("plan-due-today", &[("date", &d)])) } }
            Some(d) => { (d) }
            None => { span.hint { (l.t("plan-no-follow-up")) } }
        }
    }
}

/// One group of needs (immediate or long-term) as a table: a row a need, in the order the
/// plan gives (the survivor's priority, then what is still to do).
fn need_table(l: Lang, m: &PlanPage, heading: &str, needs: &[NeedItem]) -> Markup {
    html! {
        h2 { (l.t(heading)) }
        @if needs.is_empty() {
            p { (l.t("plan-needs-none")) }
        } @else {
            div.table-scroll role="region" tabindex="0" aria-label=(l.t(heading)) { table.plan {
                thead { tr {
                    th scope="col" { (l.t("plan-add-need")) }
                    th scope="col" { (l.t("plan-status")) }
                    th scope="col" { (l.t("plan-priority")) }
                    th scope="col" { (l.t("plan-provider")) }
                    th scope="col" { (l.t("plan-next-follow-up")) }
                    th scope="col" { (l.t("plan-target-date")) }
                } }
                tbody { @for n in needs { tr {
                    th scope="row" { a href=(format!("/staff/survivors/{}/needs/{}", m.id, n.id)) { (n.label) } }
                    td { (l.t(&format!("plan-status-{}", n.status))) }
                    td { (l.t(&format!("plan-priority-{}", n.priority))) }
                    td {
                        @let referrals: Vec<&ReferralItem> = m.referrals.iter().filter(|r| r.need_id == n.id).collect();
                        @if referrals.is_empty() { span.hint { (l.t("plan-no-provider")) } }
                        @for r in referrals {
                            span.provider { (r.service) " · " (l.t(&format!("referral-status-{}", r.status)))
                                @if let Some(reason) = &r.reason { " (" (l.t(&format!("referral-reason-{reason}"))) ")" } }
                        }
                    }
                    td { (follow_up_cell(l, &m.today, next_follow_up(m, n))) }
                    td { (n.target_date) }
                } } }
            } }
        }
    }
}

/// One need of a plan on its own page: their words, the goal, its referrals (each with its
/// next steps), the way to find a provider, and the need's form.
#[derive(Clone, Debug)]
pub struct NeedPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// Survivor id.
    pub survivor_id: String,
    /// Their pseudonym.
    pub pseudonym: String,
    /// The need.
    pub need: NeedItem,
    /// Its referrals.
    pub referrals: Vec<ReferralItem>,
    /// Today's date (YYYY-MM-DD).
    pub today: String,
    /// A mistake in the form.
    pub error: Option<FieldError>,
}

/// A need's own page.
pub fn need_page(m: &NeedPage) -> Markup {
    let l = m.chrome.lang;
    let n = &m.need;
    let e = &m.error;
    let plan = format!("/staff/survivors/{}", m.survivor_id);
    staff_page(
        &m.chrome,
        "plan-title-need",
        html! {
            p { a href=(plan) { (l.tf("plan-back-to", &[("name", &m.pseudonym)])) } }
            h1 { (n.label) }
            p {
                (l.t(&format!("plan-status-{}", n.status))) " · " (l.t(&format!("plan-priority-{}", n.priority)))
                @if !n.target_date.is_empty() { " · " (l.tf("plan-target", &[("date", &n.target_date)])) }
                " · " (l.t("plan-next-follow-up")) ": "
                (follow_up_cell(l, &m.today, std::iter::once(n.follow_up.as_str())
                    .chain(m.referrals.iter().filter(|r| !r.next.is_empty()).map(|r| r.follow_up.as_str()))
                    .filter(|d| !d.is_empty())
                    .min()))
            }
            @if !n.their_words.is_empty() { p { strong { (l.t("plan-their-words")) ": " } (n.their_words) } }
            @if !n.goal.is_empty() { p { strong { (l.t("plan-goal")) ": " } (n.goal) } }
            h2 { (l.t("plan-referrals")) }
            @if m.referrals.is_empty() { p { (l.t("plan-no-provider")) } }
            (referral_list(l, m))
            p { a href=(format!("{plan}/needs/{}/find", n.id)) { (l.t("plan-find")) } }
            h2 { (l.t("plan-need-edit")) }
            (error_summary(l, e, &["their_words", "goal", "target_date", "follow_up"]))
            form.staff-form method="post" action=(format!("{plan}/needs/{}", n.id)) autocomplete="off" {
                input type="hidden" name="csrf" value=(m.csrf);
                label for="their_words" { (l.t("plan-their-words")) }
                (field_error(l, e, "their_words"))
                textarea #their_words name="their_words" rows="3" aria-invalid=[invalid(e, "their_words")] { (n.their_words) }
                label for="goal" { (l.t("plan-goal")) }
                (field_error(l, e, "goal"))
                textarea #goal name="goal" rows="3" aria-invalid=[invalid(e, "goal")] { (n.goal) }
                label for="status" { (l.t("plan-status")) }
                select #status name="status" {
                    @for s in STATUSES { option value=(s) selected[n.status == s] { (l.t(&format!("plan-status-{s}"))) } }
                }
                label for="priority" { (l.t("plan-priority")) }
                select #priority name="priority" {
                    @for p in PRIORITIES { option value=(p) selected[n.priority == p] { (l.t(&format!("plan-priority-{p}"))) } }
                }
                label for="target_date" { (l.t("plan-target-date")) }
                (field_error(l, e, "target_date"))
                input #target_date type="date" name="target_date" value=(n.target_date) aria-invalid=[invalid(e, "target_date")];
                label for="follow_up" { (l.t("plan-follow-up")) }
                (field_error(l, e, "follow_up"))
                input #follow_up type="date" name="follow_up" value=(n.follow_up) aria-invalid=[invalid(e, "follow_up")];
                button type="submit" { (l.t("plan-need-save")) }
            }
        },
    )
}

/// "11 needs: 2 met · 3 in service · 4 being arranged · 2 open".
fn progress(l: Lang, m: &PlanPage) -> Markup {
    let all: Vec<&NeedItem> = m.immediate.iter().chain(&m.long_term).collect();
    let count = |statuses: &[&str]| {
        all.iter()
            .filter(|n| statuses.contains(&n.status.as_str()))
            .count() as u64
    };
    html! {
        p.progress {
            strong { (l.plural("plan-progress-needs", all.len() as u64)) } ": "
            (l.plural("plan-progress-met", count(&["met"]))) " · "
            (l.plural("plan-progress-in-service", count(&["in_service"]))) " · "
            (l.plural("plan-progress-arranged", count(&["being_arranged"]))) " · "
            (l.plural("plan-progress-open", count(&["identified", "on_hold"])))
            @let declined = count(&["declined"]);
            @if declined > 0 { " · " (l.plural("plan-progress-declined", declined)) }
        }
    }
}

/// A survivor's plan: the record, a progress line, a table a group of needs, each need's
/// own view closed until opened, then consent, advocates, history and the ends of a plan.
/// Long parts are `<details>`: the page stays short, and nothing needs JavaScript.
pub fn plan(m: &PlanPage) -> Markup {
    let l = m.chrome.lang;
    let yes_no = |b: bool| if b { l.t("plan-yes") } else { l.t("plan-no") };
    staff_page(
        &m.chrome,
        "plan-title-plan",
        html! {
            h1 { (m.pseudonym) }
            @if let Some((need, e)) = &m.error {
                @if need.is_empty() { p.error role="alert" { (l.t(&e.message_key)) } }
            }
            (progress(l, m))
            dl.record {
                dt { (l.t("plan-age-band")) } dd { (l.t(&format!("plan-age-{}", m.age_band))) }
                dt { (l.t("plan-languages")) } dd { (m.languages) }
                dt { (l.t("plan-place")) } dd { (m.place) }
                dt { (l.t("plan-contact")) } dd {
                    (l.t("plan-contact-call")) " " (yes_no(m.contact.0)) " · "
                    (l.t("plan-contact-text")) " " (yes_no(m.contact.1)) " · "
                    (l.t("plan-contact-voicemail")) " " (yes_no(m.contact.2))
                }
                @for (kind, value, safe) in &m.ways {
                    dt { (l.t(&format!("plan-way-kind-{kind}"))) }
                    dd { (value) " · " (l.t(&format!("plan-safe-{safe}"))) }
                }
                dt { (l.t("plan-safe-hours")) } dd { (m.safe_hours) }
                @if !m.notes.is_empty() { dt { (l.t("plan-notes")) } dd { (m.notes) } }
            }
            @if !m.code_word.is_empty() {
                details.code-word { summary { (l.t("plan-code-word-show")) } p { (m.code_word) } }
            }
            p {
                a href=(format!("/staff/survivors/{}/record", m.id)) { (l.t("plan-record-edit")) }
                " · " a href=(format!("/staff/survivors/{}/print", m.id)) { (l.t("plan-print")) }
            }
            p.lead { (l.t("plan-unconditional")) }
            (need_table(l, m, "plan-immediate", &m.immediate))
            (need_table(l, m, "plan-long-term", &m.long_term))
            @if !m.add_choices.is_empty() {
                details {
                    summary { (l.t("plan-add-heading")) }
                    form.staff-form method="post" action=(format!("/staff/survivors/{}/needs", m.id)) {
                        input type="hidden" name="csrf" value=(m.csrf);
                        label for="need" { (l.t("plan-add-need")) }
                        select #need name="need" {
                            @for (code, label) in &m.add_choices { option value=(code) { (label) } }
                        }
                        button type="submit" { (l.t("plan-add-submit")) }
                    }
                }
            }
            h2 #consent { (l.t("consent-heading")) }
            @if m.consents.is_empty() { p { (l.t("consent-none")) } }
            ul { @for c in &m.consents { li {
                strong { (c.organisation) } " · "
                (c.groups.iter().map(|g| l.t(&format!("consent-group-{g}"))).collect::<Vec<_>>().join(", "))
                " · " (c.purpose) " · " (l.tf("consent-until", &[("date", &c.expires)]))
                " · " (l.tf("consent-witness", &[("name", &c.witness)]))
                " · " @if c.in_force { strong { (l.t("consent-in-force")) } } @else { (l.t("consent-ended")) }
                @if c.in_force {
                    " "
                    form.inline method="post" action=(format!("/staff/consents/{}/revoke", c.id)) {
                        input type="hidden" name="csrf" value=(m.csrf);
                        button type="submit" { (l.t("consent-revoke")) span.visually-hidden { " (" (c.organisation) ")" } }
                    }
                }
            } } }
            @if !m.recipients.is_empty() {
                details {
                    summary { (l.t("consent-record")) }
                    p { (l.t("consent-lead")) }
                    form.staff-form method="post" action=(format!("/staff/survivors/{}/consents", m.id)) {
                        input type="hidden" name="csrf" value=(m.csrf);
                        label for="organization" { (l.t("consent-recipient")) }
                        select #organization name="organization" {
                            @for (id, name) in &m.recipients { option value=(id) { (name) } }
                        }
                        fieldset {
                            legend { (l.t("consent-groups")) }
                            @for g in ["identity", "contact", "needs"] {
                                label.check { input type="checkbox" name=(format!("share_{g}")) value="yes"; " " (l.t(&format!("consent-group-{g}"))) }
                            }
                        }
                        label for="purpose" { (l.t("consent-purpose")) }
                        input #purpose type="text" name="purpose" required;
                        label for="expires" { (l.t("consent-expires")) }
                        input #expires type="date" name="expires" required;
                        button type="submit" { (l.t("consent-submit")) }
                    }
                }
            }
            h2 { (l.t("plan-advocates")) }
            ul { @for (name, primary) in &m.advocates {
                li { (name) @if *primary { " · " (l.t("plan-primary")) } }
            } }
            @if !m.assign_choices.is_empty() {
                details {
                    summary { (l.t("plan-transfer-heading")) }
                    form.staff-form method="post" action=(format!("/staff/survivors/{}/transfer", m.id)) {
                        input type="hidden" name="csrf" value=(m.csrf);
                        label for="advocate" { (l.t("plan-transfer-to")) }
                        select #advocate name="advocate" {
                            @for (id, name) in &m.assign_choices { option value=(id) { (name) } }
                        }
                        label.check { input type="checkbox" name="stay" value="yes" checked; " " (l.t("plan-transfer-stay")) }
                        label for="handover-note" { (l.t("plan-transfer-note")) }
                        p.hint #handover-note-hint { (l.t("plan-transfer-note-hint")) }
                        textarea #handover-note name="note" rows="3" aria-describedby="handover-note-hint" {}
                        button type="submit" { (l.t("plan-transfer-submit")) }
                    }
                    form.staff-form method="post" action=(format!("/staff/survivors/{}/co-advocates", m.id)) {
                        input type="hidden" name="csrf" value=(m.csrf);
                        label for="co-advocate" { (l.t("plan-co-advocate")) }
                        select #co-advocate name="advocate" {
                            @for (id, name) in &m.assign_choices { option value=(id) { (name) } }
                        }
                        button type="submit" { (l.t("plan-co-advocate-submit")) }
                    }
                }
            }
            h2 { (l.t("plan-timeline")) }
            @let newest_first: Vec<&TimelineItem> = m.timeline.iter().rev().collect();
            (timeline_list(l, newest_first.iter().take(RECENT_HISTORY).copied()))
            @if newest_first.len() > RECENT_HISTORY {
                details {
                    summary { (l.plural("plan-timeline-earlier", (newest_first.len() - RECENT_HISTORY) as u64)) }
                    (timeline_list(l, newest_first.iter().skip(RECENT_HISTORY).copied()))
                }
            }
            details {
                summary { (l.t("plan-end-heading")) }
                h2 { (l.t("plan-close-heading")) }
                p { (l.t("plan-close-text")) }
                form.staff-form method="post" action=(format!("/staff/survivors/{}/close", m.id)) {
                    input type="hidden" name="csrf" value=(m.csrf);
                    button type="submit" { (l.t("plan-close-submit")) }
                }
                h2 { (l.t("plan-erase-heading")) }
                p { (l.t("plan-erase-text")) }
                form.staff-form method="post" action=(format!("/staff/survivors/{}/erase", m.id)) {
                    input type="hidden" name="csrf" value=(m.csrf);
                    label.check { input type="checkbox" name="confirm" value="yes" required; " " (l.t("plan-erase-confirm")) }
                    button type="submit" { (l.t("plan-erase-submit")) }
                }
            }
        },
    )
}

/// History entries shown before "earlier" (newest first).
const RECENT_HISTORY: usize = 8;

fn timeline_list<'a>(l: Lang, entries: impl Iterator<Item = &'a TimelineItem>) -> Markup {
    html! {
        ol.timeline { @for t in entries {
            li {
                (timeline_text(l, &t.what))
                " (" @if !t.who.is_empty() { (t.who) ", " } (t.when) ")"
                @if let TimelineWhat::HandOver { note, .. } = &t.what {
                    @if !note.is_empty() { br; strong { (l.t("timeline-note")) ": " } (note) }
                }
            }
        } }
    }
}

/// A history line in words: "Referral K8ASZGGT to Third Ward Clinic: sent → accepted".
fn timeline_text(l: Lang, what: &TimelineWhat) -> String {
    let status = |code: &str| l.t(&format!("referral-status-{code}"));
    match what {
        TimelineWhat::Action(code) => l
            .t(&format!("timeline-{}", code.replace(['.', '_'], "-")))
            .to_owned(),
        TimelineWhat::Referral {
            reference,
            service,
            from,
            to,
            reason,
        } => {
            let mut text = match from {
                None => l.tf(
                    "timeline-referral-made",
                    &[
                        ("reference", reference),
                        ("service", service),
                        ("to", &status(to)),
                    ],
                ),
                Some(from) => l.tf(
                    "timeline-referral-moved",
                    &[
                        ("reference", reference),
                        ("service", service),
                        ("from", &status(from)),
                        ("to", &status(to)),
                    ],
                ),
            };
            if let Some(reason) = reason {
                text.push_str(&format!(" — {}", l.t(&format!("referral-reason-{reason}"))));
            }
            text
        }
        TimelineWhat::ConsentGiven { organisation, groups } => {
            let groups: Vec<&str> = groups
                .iter()
                .map(|g| l.t(&format!("consent-group-{g}")))
                .collect();
            l.tf(
                "timeline-consent-given",
                &[("organisation", organisation), ("groups", &groups.join(", "))],
            )
        }
        TimelineWhat::ConsentRevoked { organisation } => {
            l.tf("timeline-consent-revoked", &[("organisation", organisation)])
        }
        TimelineWhat::HandOver { from, to, .. } => l.tf("timeline-hand-over", &[("from", from), ("to", to)]),
        TimelineWhat::CoAdvocate { added } => l.tf("timeline-co-advocate-added", &[("name", added)]),
        TimelineWhat::NeedAdded { need } => l.tf("timeline-need-added", &[("need", need)]),
        TimelineWhat::NeedChanged {
            need,
            status,
            priority,
            follow_up,
            words,
        } => {
            let mut parts = Vec::new();
            if let Some((from, to)) = status {
                parts.push(format!(
                    "{} → {}",
                    l.t(&format!("plan-status-{from}")),
                    l.t(&format!("plan-status-{to}"))
                ));
            }
            if let Some((from, to)) = priority {
                parts.push(format!(
                    "{} → {}",
                    l.t(&format!("plan-priority-{from}")),
                    l.t(&format!("plan-priority-{to}"))
                ));
            }
            if let Some(date) = follow_up {
                parts.push(l.tf("timeline-need-follow-up", &[("date", date)]));
            }
            if *words {
                parts.push(l.t("timeline-need-words").to_owned());
            }
            if parts.is_empty() {
                parts.push(l.t("timeline-need-dates").to_owned());
            }
            format!("{need}: {}", parts.join(" · "))
        }
        TimelineWhat::NewPrimary { from, to } => l.tf("timeline-new-primary", &[("from", from), ("to", to)]),
    }
}

const REASONS: [&str; 4] = ["no_capacity", "not_eligible", "unreachable", "other"];

fn referral_list(l: Lang, m: &NeedPage) -> Markup {
    html! {
        @for r in &m.referrals {
            div.referral {
                p {
                    strong { (r.service) } @if !r.organisation.is_empty() { " · " (r.organisation) }
                    " · " (l.tf("referral-reference", &[("reference", &r.reference)]))
                    " · " strong { (l.t(&format!("referral-status-{}", r.status))) }
                    @if let Some(reason) = &r.reason { " (" (l.t(&format!("referral-reason-{reason}"))) ")" }
                    " · " (l.tf("referral-updated", &[("date", &r.updated)]))
                }
                @if !r.next.is_empty() {
                    form.inline method="post" action=(format!("/staff/referrals/{}/status", r.id)) {
                        input type="hidden" name="csrf" value=(m.csrf);
                        label for=(format!("to-{}", r.id)) { (l.t("referral-move")) }
                        " "
                        select id=(format!("to-{}", r.id)) name="status" {
                            option value="" { (l.t("referral-keep")) }
                            @for s in &r.next { option value=(s) { (l.t(&format!("referral-status-{s}"))) } }
                        }
                        " "
                        label for=(format!("reason-{}", r.id)) { (l.t("referral-reason")) }
                        " "
                        select id=(format!("reason-{}", r.id)) name="reason" {
                            option value="" { (l.t("referral-reason-none")) }
                            @for reason in REASONS { option value=(reason) { (l.t(&format!("referral-reason-{reason}"))) } }
                        }
                        " "
                        label for=(format!("follow-{}", r.id)) { (l.t("plan-follow-up")) }
                        " "
                        input id=(format!("follow-{}", r.id)) type="date" name="follow_up" value=(r.follow_up);
                        " "
                        button type="submit" { (l.t("referral-save")) span.visually-hidden { " (" (r.reference) ")" } }
                    }
                }
            }
        }
    }
}

/// Services found for a need, to refer to.
pub fn find(m: &FindPage) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "plan-title-find",
        html! {
            h1 { (l.tf("plan-find-heading", &[("need", &m.need_label)])) }
            p.lead {
                @match &m.place {
                    Some(place) => { (l.tf("plan-find-near", &[("place", place)])) }
                    None => { (l.t("plan-find-anywhere")) }
                }
            }
            p { a href=(format!("/staff/survivors/{}", m.survivor_id)) { (l.t("plan-back")) } }
            @if m.local.is_empty() && m.lines.is_empty() {
                p { (l.t("plan-find-none")) }
            }
            @if !m.local.is_empty() {
                h2 { (l.t("plan-find-local")) }
                (candidates(l, m, &m.local))
            }
            @if !m.lines.is_empty() {
                h2 { (l.t("plan-find-lines")) }
                (candidates(l, m, &m.lines))
            }
        },
    )
}

/// Cards, each with its one-step "Refer" button.
fn candidates(l: Lang, m: &FindPage, items: &[CandidateItem]) -> Markup {
    html! {
        @for c in items {
            section.candidate {
                h3 { a href=(c.view.href) { (c.view.name) } }
                (c.view.summary(l))
                form method="post" action=(format!("/staff/survivors/{}/needs/{}/referrals", m.survivor_id, m.need_id)) {
                    input type="hidden" name="csrf" value=(m.csrf);
                    input type="hidden" name="service" value=(c.service_id);
                    button type="submit" { (l.t("plan-refer")) span.visually-hidden { " (" (c.view.name) ")" } }
                }
            }
        }
    }
}

/// The survivor's own copy of their plan, in their language: their needs in their words (by
/// their priority), the next steps (providers' names, phones and addresses — never a
/// confidential one), what is done, and their advocate, under a neutral heading — and nothing
/// else (no name, place, notes or code word: the paper may be found).
#[derive(Clone, Debug)]
pub struct SurvivorCopy {
    /// Their language.
    pub lang: Lang,
    /// Their open needs, by their priority: (label, their words).
    pub needs: Vec<(String, String)>,
    /// Next steps: live referrals.
    pub steps: Vec<CopyStep>,
    /// Services completed: the providers' names.
    pub done: Vec<String>,
    /// Their advocate: (name, email).
    pub advocate: (String, String),
    /// The advocate's agency.
    pub agency: String,
    /// The agency's phone, if it gave one.
    pub agency_phone: Option<String>,
}

/// A referral on the survivor's copy.
#[derive(Clone, Debug)]
pub struct CopyStep {
    /// The service's name.
    pub provider: String,
    /// Its phones.
    pub phones: Vec<String>,
    /// Its address lines (empty when confidential).
    pub address: Vec<String>,
    /// The referral's status code.
    pub status: String,
}

/// The survivor's copy: a whole page of its own, made for paper.
pub fn survivor_copy(m: &SurvivorCopy) -> Markup {
    let l = m.lang;
    html! {
        (DOCTYPE)
        html lang=(l.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (l.t("copy-title")) }
                link rel="stylesheet" href=(crate::assets::stylesheet());
                link rel="icon" href="data:,";
            }
            body {
                main.print.copy {
                    h1 { (l.t("copy-heading")) }
                    h2 { (l.t("copy-needs")) }
                    ul { @for (label, words) in &m.needs {
                        li { strong { (label) } @if !words.is_empty() { " — " (words) } }
                    } }
                    h2 { (l.t("copy-steps")) }
                    @if m.steps.is_empty() { p { (l.t("copy-no-steps")) } }
                    ul { @for step in &m.steps {
                        li {
                            strong { (step.provider) } " · " (l.t(&format!("referral-status-{}", step.status)))
                            @for p in &step.phones { br; (p) }
                            @if !step.address.is_empty() { br; (step.address.join(", ")) }
                        }
                    } }
                    @if !m.done.is_empty() {
                        h2 { (l.t("copy-done")) }
                        ul { @for provider in &m.done { li { (provider) } } }
                    }
                    h2 { (l.t("copy-advocate")) }
                    p {
                        strong { (m.advocate.0) } ", "
                        (l.tf("copy-advocate-role", &[("agency", &m.agency)]))
                        br; (m.advocate.1)
                        @if let Some(phone) = &m.agency_phone { br; (l.tf("copy-agency-phone", &[("phone", phone)])) }
                    }
                }
            }
        }
    }
}

/// One agency's counts, already suppressed (text such as "12" or "<5").
#[derive(Clone, Debug)]
pub struct ReportView {
    /// Agency name.
    pub agency: String,
    /// (need label, status code, count).
    pub needs: Vec<(String, String, String)>,
    /// (need label, referral status code, count).
    pub referrals: Vec<(String, String, String)>,
    /// (need label, count).
    pub unprovided: Vec<(String, String)>,
}

/// The agency reports page.
#[derive(Clone, Debug)]
pub struct ReportsPage {
    /// Frame.
    pub chrome: Chrome,
    /// One per agency administered.
    pub reports: Vec<ReportView>,
}

/// Counts only, small cells shown as "<5" (LEG-3).
pub fn reports(m: &ReportsPage) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "report-title",
        html! {
            h1 { (l.t("report-heading")) }
            p.lead { (l.t("report-lead")) }
            @for r in &m.reports {
                h2 { (r.agency) }
                h3 { (l.t("report-needs")) }
                div.table-scroll role="region" tabindex="0" aria-label=(l.t("report-needs")) { table {
                    thead { tr { th scope="col" { (l.t("plan-add-need")) } th scope="col" { (l.t("plan-status")) } th scope="col" { (l.t("report-count")) } } }
                    tbody { @for (need, status, n) in &r.needs { tr { td { (need) } td { (l.t(&format!("plan-status-{status}"))) } td { (n) } } } }
                } }
                h3 { (l.t("report-referrals")) }
                div.table-scroll role="region" tabindex="0" aria-label=(l.t("report-referrals")) { table {
                    thead { tr { th scope="col" { (l.t("plan-add-need")) } th scope="col" { (l.t("plan-status")) } th scope="col" { (l.t("report-count")) } } }
                    tbody { @for (need, status, n) in &r.referrals { tr { td { (need) } td { (l.t(&format!("referral-status-{status}"))) } td { (n) } } } }
                } }
                h3 { (l.t("report-unprovided")) }
                ul { @for (need, n) in &r.unprovided { li { (need) " · " (n) } } }
            }
        },
    )
}
