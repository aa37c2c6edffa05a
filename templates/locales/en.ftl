# Pathways — English catalogue of the public site.
# A subset of Fluent: `key = text`, indented lines continue the text, { $name } is filled in.
# Keep es.ftl in step: a test fails when a key is in one file and not the other.

## Frame
site-name = Pathways
skip-to-content = Skip to content
quick-exit = Quick exit
safety-note = Quick exit (or Shift three times) leaves this site fast, but it does not clear your history.
safety-note-link = Staying safe
switch-language = Español
footer-nav = More
nav-search = Search
nav-hotlines = Hotlines
nav-safety = Staying safe
nav-about = About this directory
footer-sample = Listings marked “Sample” are fictional examples. The national hotlines are real.

## Titles (neutral: never the search or a service)
title-home = Find services
title-results = Results
title-listing = Service
title-print = List
title-hotlines = Hotlines
title-safety = Staying safe
title-about = About
title-not-found = Not found
title-error = Something went wrong
title-busy = Please wait

## Home
home-heading = Find help near you
home-lead = Free and confidential. No account, no name, nothing saved. Type what you need, or choose below.
home-needs = Or choose what you need
home-hotlines = Talk to someone now

## The search form
form-q = What do you need?
form-place = Where? (city and state, or ZIP code)
form-place-hint = For example: Houston, TX or 77002
form-search = Search
form-radius = Distance
form-need = Type of help
form-more-filters = More filters
form-change = Change your search or filters
form-show-only = Show only
form-without = Leave out services with these conditions
form-language = Staff speak
form-age = Age of the person
form-apply = Apply filters
radius-mi = { $n } miles
need-any = Any type of help
language-any = Any language
flag-no_conditions = No conditions at all
flag-free = Free
flag-open_now = Open now
flag-accepting = Has space now
flag-walk_in = Walk-ins welcome
flag-open_24_7 = Open 24/7

## Results
results-heading = Services
results-near-one = { $n } service within { $radius } miles of { $place }
results-near-other = { $n } services within { $radius } miles of { $place }
results-anywhere-one = { $n } service
results-anywhere-other = { $n } services
results-none = Try fewer filters, a longer distance or other words. The hotlines answer day and night.
results-read-as = Showing services for: { $needs }
results-corrected = Searched for “{ $used }” instead of “{ $typed }”.
results-more = Full details
results-print = Print this list
results-pages = Pages
results-previous = Previous page
results-next = Next page
results-page = Page { $page } of { $pages }

## A listing
sample-listing = Sample (fictional)
distance-mi = { $mi } miles away
distance-area = Serves your area
hours-open-now = Open now
hours-closed-now = Closed now
hours-today = today { $hours }
hours-closed-today = Closed today
hours-unknown = Hours not listed: call first
hours-by-week = See the opening hours below
hours-always = Open 24 hours, every day
hours-closed = Closed
day-0 = Monday
day-1 = Tuesday
day-2 = Wednesday
day-3 = Thursday
day-4 = Friday
day-5 = Saturday
day-6 = Sunday
verified-recent = Checked this month
verified-months-one = Checked { $n } month ago
verified-months-other = Checked { $n } months ago
verified-never = Not checked yet
capacity-of = { $available } of { $maximum } { $unit } free (reported { $date })
capacity-some = { $available } { $unit } free (reported { $date })
capacity-full = Full (reported { $date })
status-inactive = Not taking people right now.
badge-no-conditions = No conditions
listing-phones = Phones
listing-features = Good to know
listing-website = Website
listing-address = Address
listing-hours = Opening hours
listing-print = Print this page
listing-new-search = New search
fact-eligibility = Who it is for
fact-apply = How to get help
fact-fees = Cost
fact-languages = Staff speak
fact-ages = Ages
fact-genders = Who is served
fact-culture = Culturally specific
fact-area = Area served
ages-range = { $min } to { $max }
ages-from = { $min } and older
ages-to = Up to { $max }
where-confidential = The address is kept private for safety. Call to find out how to get there.
where-remote = By phone, text or online.
area-national = Anywhere in the United States
area-states = All of { $states }
area-local = Around { $place }
area-unknown = A local area: call to ask
lang-en = English
lang-es = Spanish
lang-fr = French
lang-pt = Portuguese
lang-ht = Haitian Creole
lang-zh = Chinese
lang-vi = Vietnamese
lang-ko = Korean
lang-tl = Tagalog
lang-ar = Arabic
lang-ru = Russian
lang-asl = American Sign Language

## Form errors
error-place = We could not find the place “{ $place }”. Type a city and state (Houston, TX) or a 5-digit ZIP code.
error-age = Age must be a number from 0 to 130.
error-radius = Please choose a distance from the list.
error-need = Please choose a type of help from the list.
error-language = Please choose a language from the list.
error-page = That page of results does not exist. Search again.
error-form = The form could not be read: { $field }. Please search again.

## Print
print-heading = Contacts
print-hint = Keep this paper somewhere safe.
print-printed = Printed { $date }
print-empty = Nothing to print: search first.

## Hotlines
hotlines-heading = Hotlines
hotlines-lead = Free, confidential and open day and night. You do not have to give your name.
hotlines-national = National hotlines
hotlines-emergency = In immediate danger, call 911.

## Safety
safety-heading = Staying safe while you look for help
safety-lead = Someone may be able to see what you do on this phone or computer. These steps can help.
safety-exit-heading = Quick exit
safety-exit-text = The Quick exit button at the top of every page hides this page at once and opens a neutral
  site (the weather) in its place. On a keyboard, pressing Shift three times quickly does the same when
  scripts are on. It is fast, but it is not invisible: the pages you visited can still be in the browser’s history.
safety-history-heading = Your browser history
safety-history-text = This site sets no cookies and saves nothing on your device, but your browser still remembers the
  pages you open. Searches are sent in a way that keeps your words out of the address bar and the history list.
  To remove the rest, delete this site from your history, or use a private window.
safety-devices-heading = Phones and computers can be watched
safety-devices-text = If someone controls your phone, has your passwords or gave you the device, they may be able to see
  your messages, calls, location and what you browse. Tracking apps can be hidden.
safety-browse-heading = Safer ways to look for help
safety-browse-private = Use a private or incognito window, and close it when you are done.
safety-browse-device = If you can, use a phone or computer the other person cannot touch: a library, or a friend you trust.
safety-browse-print = Print a list or write down the phone numbers, and keep the paper somewhere safe.
safety-browse-call = Call a hotline: they can help you make a safety plan, and they do not need your name.
safety-here-heading = What this site keeps
safety-here-text = Nothing about you. We do not keep the words you search, the place you type, your address on the
  internet or your device. There is no account and no tracking.

## About
about-heading = About this directory
about-lead = Pathways lists services for people who have been trafficked or exploited, as children or as adults,
  and for the people who help them: safety, shelter, health, therapy, ID documents, housing, legal and
  immigration help, childcare, treatment, school and work.
about-counts-one = The directory lists { $n } service.
about-counts-other = The directory lists { $n } services.
about-unconditional-heading = Help without conditions
about-unconditional-text = Every listing says plainly what a service asks before helping — a police report, ID, sobriety,
  immigration status. You can leave those services out of your search.
about-data-heading = Where the listings come from
about-data-text = Providers keep their own listings up to date, in the Open Referral HSDS format. Each listing
  shows when it was last checked. Call before you go: hours and space change.
about-sample-text = This copy of Pathways shows sample listings: the organizations, addresses and phone numbers
  marked “Sample” are invented. The national hotlines are real.
about-verified-heading = Confidential locations
about-verified-text = Shelters whose address is secret never show it here, in any form. They show a phone number
  and the area they serve.
about-credits-heading = Credits
about-credits-text = Postal code and place data © GeoNames, geonames.org, CC BY 4.0; filtered to the United States,
  columns reduced.

## Errors
not-found-heading = Page not found
not-found-text = This page does not exist, or the service is no longer listed.
error-heading = Something went wrong
error-text = Something went wrong on our side. Please try again in a moment. If you need help now, call a hotline.
busy-heading = Please wait a minute
busy-text = This connection has opened many pages very quickly, so we paused it for a moment to protect the
  listings. Please try again in a minute. If you need help now, call a hotline.

days-range = { $from }–{ $to }
unit-beds = beds
unit-rooms = rooms
unit-apartments = apartments
unit-slots = places

## Staff pages
staff-site-name = Pathways staff
staff-menu = Staff menu
staff-menu-home = Home
staff-menu-people = People
staff-menu-agencies = Agencies
staff-menu-providers = Providers
staff-menu-audit = Audit log
staff-menu-sessions = Your sessions
staff-sign-in = Sign in
staff-sign-out = Sign out
staff-actions = Actions
staff-title-login = Sign in
staff-title-enrol = Set up your account
staff-title-recovery = Recovery codes
staff-title-home = Home
staff-title-sessions = Sessions
staff-title-people = People
staff-title-agencies = Agencies
staff-title-providers = Providers
staff-title-audit = Audit log
role-directory-admin = Directory admin
role-agency-admin = Agency admin
role-advocate = Advocate
role-provider-staff = Provider staff
staff-login-heading = Staff sign-in
staff-email = Email
staff-password = Password
staff-code = Code
staff-code-hint = The 6-digit code shown in your authenticator app, or one of your recovery codes.
staff-setup-heading = Set up the first admin account
staff-setup-lead = This account will run the directory. Choose a password, then connect an authenticator app.
staff-invitation-heading = Set up your account
staff-invitation-lead = You are invited as { $role } at { $organisation }, with the email { $email }.
  Choose a password, then connect an authenticator app.
staff-invitation-lead-directory = You are invited as { $role }, with the email { $email }.
  Choose a password, then connect an authenticator app.
staff-name = Your name
staff-new-password = Choose a password
staff-password-hint = 8 characters or more. A few words you can remember work well.
staff-password-again = Type the password again
staff-totp-heading = Connect an authenticator app
staff-totp-text = Each time you sign in you will also type a code from an app on your phone. Open your
  authenticator app, add an account, and scan this QR code.
staff-totp-manual = Can’t scan it? Type this key into the app instead:
staff-totp-code = The 6-digit code the app shows now
staff-enrol-submit = Create my account
staff-recovery-heading = Save your recovery codes
staff-recovery-lead = If you lose your phone, sign in with one of these codes instead of an app code. Each one works
  once. Write them down or print them and keep them somewhere safe: they will not be shown again.
staff-home-heading = Hello, { $name }
staff-home-roles = Your roles
staff-home-no-roles = You have no role right now. Ask an admin if you need one.
staff-sessions-heading = Where you are signed in
staff-sessions-started = Signed in
staff-sessions-last-seen = Last active
staff-sessions-this = This device
staff-sessions-end = Sign out this session
staff-sessions-which = (signed in { $date })
staff-sessions-table = Your sessions
staff-sessions-end-all = Sign out everywhere, this device too
staff-people-heading = People
staff-disabled = Account turned off
staff-since = since { $date }
staff-ended = ended { $date }
staff-end-membership = End this role
staff-disable = Turn off this account
staff-pending-heading = Invitations not used yet
staff-expires = expires { $date }
staff-invite-heading = Invite someone
staff-invite-role = Role
staff-invite-submit = Create invitation link
staff-invited-heading = Invitation created
staff-invited-text = Send this link to { $email } in a safe way. It works once, until { $date }.
  It is shown only now.
staff-members-one = { $n } member
staff-members-other = { $n } members
staff-agencies-heading = Agencies
staff-agency-new = Add an agency
staff-agency-name = Agency name
staff-agency-create = Add agency
staff-providers-heading = Providers
staff-provider-new = Give a provider staff accounts
staff-provider-none-left = Every organization in the directory already has staff accounts.
staff-provider-organisation = Organization in the directory
staff-provider-create = Add provider
staff-audit-heading = Audit log
staff-audit-actor = Who
staff-audit-anyone = Anyone
staff-audit-from = From
staff-audit-to = To
staff-audit-record = Record
staff-audit-filter = Show entries
staff-audit-empty = No entries match these filters.
staff-audit-seq = Number
staff-audit-table = Audit log entries
staff-audit-when = When
staff-audit-action = Action
staff-audit-outcome = Result
staff-audit-allowed = Allowed
staff-audit-denied = Denied
staff-audit-truncated = Only the newest entries are shown. Narrow the filters to see older ones.
staff-error-summary = There is a problem
staff-error-not-accepted = That email, password and code do not match an account that can sign in.
staff-error-wait = Too many attempts. Wait a few minutes, then try again.
staff-error-session-ended = Your session ended. Please sign in again.
staff-error-email = Type an email address, like name@example.org.
staff-error-password-length = Use 8 to 1024 characters. Any characters work, spaces too.
staff-error-password-mismatch = The two passwords are not the same.
staff-error-name = Type a name (up to 200 characters).
staff-error-code = That code did not match. Check that your phone’s clock is right and type the code shown now.
staff-error-email-taken = This email already has an account.
staff-error-grant = Choose a role from the list.
staff-error-organization = Choose an organization from the list.
staff-error-agency-exists = An agency with this name already exists.
staff-error-date = Use a date like 2026-11-29.
staff-error-form = The form could not be read. Go back, reload the page and try again.
staff-link-invalid-heading = This link cannot be used
staff-link-invalid-text = It has expired or was already used. Ask whoever sent it for a new one.
staff-signed-out-heading = Signed out
staff-signed-out-text = You are signed out on this device.
staff-not-found-heading = Not found
staff-not-found-text = There is nothing here, or you may not see it.
staff-reset-heading = Set a new password and authenticator
staff-reset-lead = For { $email }. Your old password, authenticator and recovery codes stop working when you finish, and you are signed out everywhere.
staff-reset-created-heading = Reset link made
staff-reset-created-text = Give this link to { $email } yourself, in person or by phone. It works once, until { $date }. It lets them choose a new password and connect a new authenticator app.
staff-reset-link = Make a reset link
staff-enable = Turn this account back on
staff-add-role-label = Add a role
staff-add-role = Add
staff-revoke = Cancel this invitation
staff-error-role-held = This person already has this role.

## Planner
staff-menu-survivors = Survivors
plan-title-survivors = Survivors
plan-title-plan = Plan
plan-survivors-heading = Your survivors
plan-survivors-none = No one yet. Open a record below with the survivor.
plan-open-needs-one = { $n } open need
plan-open-needs-other = { $n } open needs
plan-new-heading = Open a record
plan-new-lead = Fill this in together with the survivor. Ask only what helps them; everything here is encrypted and seen only by their advocates.
plan-pseudonym = Name or initials they choose
plan-pseudonym-hint = Not their legal name: a first name, a nickname or initials they are comfortable with.
plan-age-band = Age
plan-age-minor = Under 18
plan-age-youth = 18 to 24
plan-age-adult = 25 or older
plan-languages = Languages they prefer
plan-languages-hint = Two-letter codes, like en, es.
plan-place = City or ZIP code, to find services near them
plan-contact = How we may contact them safely
plan-contact-call = We may call
plan-contact-text = We may text
plan-contact-voicemail = We may leave a voicemail
plan-safe-hours = Safe times to reach them
plan-code-word = Code word
plan-notes = Notes
plan-template = Start the plan with the needs of
plan-template-none = No template: add needs one by one
plan-new-submit = Open the record
plan-unconditional = Every service in this plan stands on its own: none depends on another, or on talking to anyone.
plan-immediate = Immediate needs
plan-long-term = Long-term needs
plan-needs-none = None in the plan.
plan-their-words = What matters to them, in their words
plan-goal = Goal
plan-status = Status
plan-status-identified = Identified
plan-status-being_arranged = Being arranged
plan-status-in_service = In service
plan-status-met = Met
plan-status-declined = Declined by the survivor
plan-status-on_hold = On hold
plan-priority = Their priority
plan-priority-high = High priority
plan-priority-medium = Medium priority
plan-priority-low = Low priority
plan-target-date = Target date
plan-target = by { $date }
plan-need-save = Save
plan-add-heading = Add a need
plan-add-need = Need
plan-add-submit = Add to the plan
plan-yes = Yes
plan-no = No
plan-error-pseudonym = Type a name or initials (up to 80 characters).
plan-error-age-band = Choose an age from the list.
plan-error-languages = Use two-letter language codes, like en, es.
plan-error-too-long = This is too long.
plan-error-need = Choose a need from the list.
plan-error-template = Choose a template from the list.
plan-error-status = Choose a status from the list.
plan-error-priority = Choose a priority from the list.
plan-error-date = Use a date like 2027-01-31.
plan-find = Find providers for this need
plan-title-find = Providers
plan-find-heading = Providers for: { $need }
plan-find-near = Near { $place }, for their age and language. Services with no conditions come first.
plan-find-anywhere = Anywhere (their place is not set or not known), for their age and language. Services with no conditions come first.
plan-find-none = No service found. Try another need, or ask a hotline.
plan-find-unconditional = No conditions
plan-find-conditions = Conditions:
plan-find-verified = Checked { $date }
plan-back = Back to the plan
plan-refer = Refer
referral-reference = reference { $reference }
referral-updated = last change { $date }
referral-move = Move to
referral-reason = Reason (for a decline)
referral-reason-none = No reason
referral-save = Save
referral-status-draft = Draft
referral-status-sent = Sent
referral-status-received = Received
referral-status-accepted = Accepted
referral-status-waitlisted = Waitlisted
referral-status-declined = Declined
referral-status-started = Started
referral-status-completed = Completed
referral-status-closed_by_survivor = Closed by the survivor
referral-status-withdrawn = Withdrawn
referral-reason-no_capacity = No capacity
referral-reason-not_eligible = Not eligible
referral-reason-unreachable = Could not reach them
referral-reason-other = Other reason
referral-error-transition = This referral cannot move to that status from where it is now.
referral-error-reason = A decline needs a reason, and only a decline takes one.
referral-error-service = That service is not in the directory.
plan-erase-heading = Erase this survivor
plan-erase-text = Destroys their key, then their record, plan and referrals. Nothing can bring it back, not even a backup. The audit log keeps only that an erasure happened. Only their primary advocate can do this, with them.
plan-erase-confirm = The survivor asked for this, and I understand it cannot be undone.
plan-erase-submit = Erase for good
plan-error-confirm = Tick the box to confirm the erasure.
plan-follow-up = Follow up on
referral-keep = (keep the status)
plan-overdue-one = { $n } follow-up overdue
plan-overdue-other = { $n } follow-ups overdue
plan-upcoming-one = { $n } follow-up this week
plan-upcoming-other = { $n } follow-ups this week
plan-stuck-one = { $n } referral stuck over 14 days
plan-stuck-other = { $n } referrals stuck over 14 days
plan-unprovided-one = { $n } need without a provider yet
plan-unprovided-other = { $n } needs without a provider yet
copy-title = Contacts
copy-heading = My contacts
copy-needs = What I am working on
copy-steps = Next steps
copy-no-steps = None yet.
copy-advocate = My advocate
plan-print = Print their copy
plan-advocates = Advocates
plan-primary = primary advocate
plan-transfer-to = Hand over to
plan-transfer-stay = Stay on as co-advocate
plan-transfer-submit = Hand over
plan-co-advocate = Add a co-advocate
plan-co-advocate-submit = Add
plan-timeline = Timeline
plan-error-advocate = Choose an advocate of the agency from the list.
timeline-survivor-create = Record opened
timeline-plan-need-add = Need added
timeline-plan-need-update = Need updated
timeline-referral-create = Referral made
timeline-referral-status = Referral status changed
timeline-referral-follow-up = Referral follow-up set
timeline-survivor-transfer = Handed over to another advocate
timeline-survivor-co-advocate = Co-advocate added
staff-menu-reports = Reports
report-title = Reports
report-heading = Counts for your agency
report-lead = Counts only, never a person. Any count from 1 to 4 shows as “<5”, so that no one can be picked out.
report-needs = Needs in plans, by status
report-referrals = Referral outcomes, by need
report-unprovided = Needs with no provider found yet
report-count = Count
