//! AC-1/AC-3/LOG-1: the access matrix. Every route the router serves (read from
//! `http::route_table()`, the list the router is built from) × every kind of person × whether
//! the record is theirs. A route without a row here fails the test; a forbidden record answers
//! 404 like a missing one, and each denial writes one audit entry.

use axum::http::{Method, StatusCode};
use pathways::domain::ids::{NeedId, SurvivorId};

use crate::support::Reply;
use crate::support::app::{Person, TestApp, cookie_set, field};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    NoRole,
    Advocate,
    ProviderStaff,
    AgencyAdmin,
    DirectoryAdmin,
}

const EVERYONE: [Who; 6] = [
    Who::Anonymous,
    Who::NoRole,
    Who::Advocate,
    Who::ProviderStaff,
    Who::AgencyAdmin,
    Who::DirectoryAdmin,
];

/// Whether the record acted on belongs to the actor (their own session, their agency's
/// member) or to someone else (another person's session, another agency's member).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Owner {
    Theirs,
    Others,
}

/// What a route answers.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    /// Public: never asks anyone to sign in.
    Public,
    /// This status for everyone, signed in or not (sign-in and enrolment pages).
    Open(StatusCode),
    /// Signed-in only: anonymous → sign-in page; then the status per person and ownership.
    Staff(StatusCode),
}

/// THE MATRIX: route × person × ownership → answer.
fn expect(method: &Method, path: &str, who: Who, owner: Owner) -> Expect {
    use StatusCode as S;
    use Who::*;
    let admin = matches!(who, AgencyAdmin | DirectoryAdmin);
    let own_agency = who == DirectoryAdmin || (who == AgencyAdmin && owner == Owner::Theirs);
    let m = method.as_str();
    match (m, path) {
        (_, p) if !p.starts_with("/staff") => Expect::Public,
        ("GET", "/staff/login") => Expect::Open(S::OK),
        ("POST", "/staff/login") => Expect::Open(S::UNAUTHORIZED),
        ("GET" | "POST", "/staff/setup/{token}" | "/staff/invitations/{token}" | "/staff/reset/{token}") => {
            Expect::Open(S::NOT_FOUND)
        }
        ("GET", "/staff" | "/staff/sessions") => Expect::Staff(S::OK),
        ("POST", "/staff/logout" | "/staff/sessions/end-all") => Expect::Staff(S::OK),
        ("POST", "/staff/sessions/{id}/end") => Expect::Staff(if owner == Owner::Theirs {
            S::SEE_OTHER
        } else {
            S::NOT_FOUND
        }),
        ("GET", "/staff/people" | "/staff/audit") => Expect::Staff(if admin { S::OK } else { S::NOT_FOUND }),
        // Issue 15: the whole directory as HSDS, for directory admins only.
        ("GET", "/staff/directory/export.zip") => Expect::Staff(if who == DirectoryAdmin {
            S::OK
        } else {
            S::NOT_FOUND
        }),
        ("POST", "/staff/invitations") => Expect::Staff(match who {
            _ if own_agency => S::OK,
            // Another agency's role is not among her choices: the form names the field.
            AgencyAdmin => S::BAD_REQUEST,
            _ => S::NOT_FOUND,
        }),
        (
            "POST",
            "/staff/people/{id}/disable"
            | "/staff/people/{id}/enable"
            | "/staff/people/{id}/roles"
            | "/staff/memberships/{id}/end"
            | "/staff/invitations/{id}/revoke"
            // AC-6: an advocate's reset is asked for, and a second admin approves or refuses it.
            | "/staff/people/{id}/reset"
            | "/staff/resets/{id}/refuse"
            // AC-7: an admin of the survivor's agency names a new primary advocate.
            | "/staff/continuity/{id}"
            // Issue 17: an agency's admins set its time zone and phone.
            | "/staff/agencies/{id}/settings",
        ) => Expect::Staff(if own_agency { S::SEE_OTHER } else { S::NOT_FOUND }),
        ("POST", "/staff/resets/{id}/approve") => Expect::Staff(if own_agency { S::OK } else { S::NOT_FOUND }),
        ("GET", "/staff/agencies" | "/staff/providers") => Expect::Staff(if who == DirectoryAdmin {
            S::OK
        } else {
            S::NOT_FOUND
        }),
        ("POST", "/staff/agencies" | "/staff/providers") => Expect::Staff(if who == DirectoryAdmin {
            S::SEE_OTHER
        } else {
            S::NOT_FOUND
        }),
        // AC-1: a survivor is seen only by an advocate of their agency who is assigned to them;
        // admins of every kind never see one.
        // LEG-3: counts leave the agency through its admins only.
        ("GET", "/staff/reports") => Expect::Staff(if who == AgencyAdmin { S::OK } else { S::NOT_FOUND }),
        // Issue 13: unmet need — an agency's admins for it, directory admins for the network
        // of agencies that share; only an agency's own admins opt it in or out.
        ("GET", "/staff/reports/unmet" | "/staff/reports/gaps") => {
            Expect::Staff(if admin { S::OK } else { S::NOT_FOUND })
        }
        ("POST", "/staff/reports/unmet/share") => Expect::Staff(if who == AgencyAdmin && owner == Owner::Theirs {
            S::SEE_OTHER
        } else {
            S::NOT_FOUND
        }),
        ("GET", "/staff/survivors") => Expect::Staff(if who == Advocate { S::OK } else { S::NOT_FOUND }),
        ("POST", "/staff/survivors") => Expect::Staff(if who == Advocate {
            S::SEE_OTHER
        } else {
            S::NOT_FOUND
        }),
        ("GET", "/staff/survivors/{id}") => Expect::Staff(if who == Advocate && owner == Owner::Theirs {
            S::OK
        } else {
            S::NOT_FOUND
        }),
        ("POST", "/staff/survivors/{id}/transfer" | "/staff/survivors/{id}/co-advocates") => {
            // Their primary advocate only, to an advocate of the same agency.
            Expect::Staff(if who == Advocate && owner == Owner::Theirs {
                S::SEE_OTHER
            } else {
                S::NOT_FOUND
            })
        }
        ("POST", "/staff/survivors/{id}/consents" | "/staff/consents/{id}/revoke") => {
            // LEG-1: consent is recorded and taken back by an assigned advocate, with them.
            Expect::Staff(if who == Advocate && owner == Owner::Theirs {
                S::SEE_OTHER
            } else {
                S::NOT_FOUND
            })
        }
        ("POST", "/staff/survivors/{id}/erase" | "/staff/survivors/{id}/close") => {
            // Their primary advocate only.
            Expect::Staff(if who == Advocate && owner == Owner::Theirs {
                S::SEE_OTHER
            } else {
                S::NOT_FOUND
            })
        }
        ("GET", "/staff/survivors/{id}/print" | "/staff/survivors/{id}/record") => {
            Expect::Staff(if who == Advocate && owner == Owner::Theirs {
                S::OK
            } else {
                S::NOT_FOUND
            })
        }
        ("GET", "/staff/survivors/{id}/needs/{need}" | "/staff/survivors/{id}/needs/{need}/find") => {
            Expect::Staff(if who == Advocate && owner == Owner::Theirs {
                S::OK
            } else {
                S::NOT_FOUND
            })
        }
        (
            "POST",
            "/staff/survivors/{id}/needs"
            | "/staff/survivors/{id}/record"
            | "/staff/survivors/{id}/needs/{need}"
            | "/staff/survivors/{id}/needs/{need}/referrals"
            | "/staff/referrals/{id}/status",
        ) => Expect::Staff(if who == Advocate && owner == Owner::Theirs {
            S::SEE_OTHER
        } else {
            S::NOT_FOUND
        }),
        // PRV-1: provider staff keep their own organisation's listings; directory admins read
        // every listing's history and decide what waits for review.
        ("GET", "/staff/listings") => Expect::Staff(if matches!(who, ProviderStaff | DirectoryAdmin) {
            S::OK
        } else {
            S::NOT_FOUND
        }),
        ("GET", "/staff/listings/new") => {
            Expect::Staff(if who == ProviderStaff { S::OK } else { S::NOT_FOUND })
        }
        ("POST", "/staff/listings/new") => Expect::Staff(if who == ProviderStaff {
            S::SEE_OTHER
        } else {
            S::NOT_FOUND
        }),
        ("GET", "/staff/listings/{id}") => Expect::Staff(match who {
            ProviderStaff if owner == Owner::Theirs => S::OK,
            DirectoryAdmin => S::OK,
            _ => S::NOT_FOUND,
        }),
        ("POST", "/staff/listings/{id}") => {
            Expect::Staff(if who == ProviderStaff && owner == Owner::Theirs {
                S::OK
            } else {
                S::NOT_FOUND
            })
        }
        ("POST", "/staff/listings/{id}/confirm") => {
            Expect::Staff(if who == ProviderStaff && owner == Owner::Theirs {
                S::SEE_OTHER
            } else {
                S::NOT_FOUND
            })
        }
        // AC-1, LEG-1: a provider sees and answers only referrals sent to its organisation.
        ("GET", "/staff/referrals") => Expect::Staff(if who == ProviderStaff { S::OK } else { S::NOT_FOUND }),
        ("POST", "/staff/referrals/{id}/answer") => {
            Expect::Staff(if who == ProviderStaff && owner == Owner::Theirs {
                S::SEE_OTHER
            } else {
                S::NOT_FOUND
            })
        }
        // PRV-3: webhooks belong to a provider organisation (its staff) or an agency (its admins).
        ("GET" | "POST", "/staff/webhooks") => Expect::Staff(if matches!(who, ProviderStaff | AgencyAdmin) {
            S::OK
        } else {
            S::NOT_FOUND
        }),
        ("POST", "/staff/webhooks/{id}/remove") => Expect::Staff(
            if matches!(who, ProviderStaff | AgencyAdmin) && owner == Owner::Theirs {
                S::SEE_OTHER
            } else {
                S::NOT_FOUND
            },
        ),
        // PRV-2: a provider organisation's tokens are its staff's alone.
        ("GET", "/staff/tokens") => Expect::Staff(if who == ProviderStaff { S::OK } else { S::NOT_FOUND }),
        ("POST", "/staff/tokens") => Expect::Staff(if who == ProviderStaff { S::OK } else { S::NOT_FOUND }),
        ("POST", "/staff/tokens/{id}/revoke") => {
            Expect::Staff(if who == ProviderStaff && owner == Owner::Theirs {
                S::SEE_OTHER
            } else {
                S::NOT_FOUND
            })
        }
        ("GET", "/staff/reviews") => Expect::Staff(if who == DirectoryAdmin {
            S::OK
        } else {
            S::NOT_FOUND
        }),
        ("POST", "/staff/reviews/{id}/approve" | "/staff/reviews/{id}/send-back") => {
            Expect::Staff(if who == DirectoryAdmin {
                S::SEE_OTHER
            } else {
                S::NOT_FOUND
            })
        }
        _ => panic!("{m} {path} has no row in the access matrix: add one"),
    }
}

struct World {
    app: TestApp,
    dana: Person,
    people: Vec<(Who, Person)>,
    north: String,
    south: String,
    provider_org: String,
    /// A service of Pia's organisation, and one of another organisation.
    pias_listing: String,
    others_listing: String,
    /// A token and a webhook of another provider organisation, and Pia's provider organisation.
    others_token: String,
    others_webhook: String,
    pias_provider: String,
    made: std::cell::Cell<u32>,
    /// A survivor assigned to Ben (the advocate), and one of another agency's advocate:
    /// (survivor id, one of their needs' id).
    bens_survivor: (SurvivorId, NeedId),
    others_survivor: (SurvivorId, NeedId),
    /// Ben and Will (another agency's advocate), and a service of the directory.
    ben: Person,
    will: Person,
    service: String,
    /// Ids of a second advocate of North, and of Ben.
    carl: String,
    ben_id: String,
}

impl World {
    async fn new() -> World {
        let app = TestApp::builder()
            .listings([crate::support::service(
                "Third Org Service",
                "Fictional test service.",
                serde_json::json!({}),
            )])
            .build();
        let dana = app.as_directory_admin().await;
        let north = app.agency(&dana, "North").await;
        let south = app.agency(&dana, "South").await;
        let (org, _) = app.directory.store.organizations_without_provider().unwrap()[0].clone();
        let r = app
            .act(&dana, "/staff/providers", &[("organization", &org)])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let provider = app.directory.store.providers().unwrap()[0].0.id.0.clone();
        let ana = app.as_agency_admin(&dana, &north, "Ana").await;
        let ben = app.as_advocate(&dana, &north, "Ben").await;
        let pia = app.as_provider(&dana, &provider, "Pia").await;
        let nora = app.as_advocate(&dana, &south, "Nora").await;
        let m = app
            .directory
            .store
            .people()
            .unwrap()
            .into_iter()
            .find(|(a, _)| a.id == nora.id)
            .unwrap()
            .1;
        app.act(&dana, &format!("/staff/memberships/{}/end", m[0].id), &[])
            .await;
        let provider_org = app.directory.store.organizations_without_provider().unwrap()[0]
            .0
            .clone();
        let will = app.as_advocate(&dana, &south, "Will").await;
        let survivor_of = |p: Person, name: &'static str| {
            let app = &app;
            async move {
                let id = app
                    .open_record(
                        &p,
                        &[("pseudonym", name), ("age_band", "adult"), ("template", "adult")],
                    )
                    .await;
                let need = app.directory.store.plan_needs(&id).unwrap()[0].id.clone();
                (id, need)
            }
        };
        let bens_survivor = survivor_of(ben.clone(), "R.").await;
        let others_survivor = survivor_of(will.clone(), "T.").await;
        let carl = app.as_advocate(&dana, &north, "Carl").await.id.0;
        let ben_id = ben.id.0.clone();
        let service = app.directory.store.listing_ids().unwrap()[0].clone();
        let pias_listing = app.directory.store.listings_of(&org).unwrap()[0].id.clone();
        let others_listing = app
            .directory
            .store
            .listing_ids()
            .unwrap()
            .into_iter()
            .find(|id| app.directory.store.listing(id).unwrap().unwrap().organization_id != org)
            .unwrap();
        // Another provider organisation, with a token of its own.
        let third = app
            .directory
            .store
            .organizations_without_provider()
            .unwrap()
            .into_iter()
            .find(|(o, _)| *o != provider_org)
            .unwrap()
            .0;
        let entry = pathways::domain::audit::Entry {
            actor: None,
            agency: None,
            action: "test.setup",
            record: String::new(),
            allowed: true,
        };
        let other_provider = pathways::domain::staff::ProviderId::random();
        app.directory
            .store
            .create_provider(
                &pathways::domain::staff::Provider {
                    id: other_provider.clone(),
                    name: "Third provider".into(),
                    organization_id: third,
                },
                &entry,
                app.clock.now(),
            )
            .unwrap();
        let others_token = uuid::Uuid::new_v4().to_string();
        app.directory
            .store
            .create_api_token(
                &pathways::store::StoredToken {
                    id: others_token.clone(),
                    provider: other_provider,
                    name: "theirs".into(),
                    created_by: dana.id.clone(),
                    created_at: app.clock.now(),
                    last_used_at: None,
                    revoked_at: None,
                },
                &[9; 32],
                &entry,
            )
            .unwrap();
        let others_webhook = uuid::Uuid::new_v4().to_string();
        app.directory
            .store
            .create_webhook(
                &pathways::store::StoredWebhook {
                    id: others_webhook.clone(),
                    provider: Some(pathways::domain::staff::ProviderId(
                        app.directory
                            .store
                            .providers()
                            .unwrap()
                            .into_iter()
                            .find(|(p, _)| p.id.0 != provider)
                            .unwrap()
                            .0
                            .id
                            .0,
                    )),
                    agency: None,
                    url: "https://third.example/hook".into(),
                    secret: vec![0; 40],
                    created_by: dana.id.clone(),
                    created_at: app.clock.now(),
                },
                &entry,
            )
            .unwrap();
        World {
            others_webhook,
            others_token,
            pias_provider: provider.clone(),
            pias_listing,
            others_listing,
            ben: ben.clone(),
            will,
            service,
            carl,
            ben_id,
            bens_survivor,
            others_survivor,
            people: vec![
                (Who::NoRole, nora),
                (Who::Advocate, ben),
                (Who::ProviderStaff, pia),
                (Who::AgencyAdmin, ana),
                (Who::DirectoryAdmin, dana.clone()),
            ],
            app,
            dana,
            north,
            south,
            provider_org,
            made: std::cell::Cell::new(0),
        }
    }

    /// A fresh session of `who` (cells may end sessions, and the clock moves on).
    async fn session(&self, who: Who) -> Option<Person> {
        let p = self.people.iter().find(|(w, _)| *w == who)?.1.clone();
        Some(self.app.login(&p).await)
    }

    /// A fresh survivor of the actor's agency (North) or the other (South) whose primary
    /// advocate has left the agency (AC-7).
    async fn orphan(&self, owner: Owner) -> pathways::domain::ids::SurvivorId {
        let n = self.made.get() + 1;
        self.made.set(n);
        let agency = if owner == Owner::Theirs {
            &self.north
        } else {
            &self.south
        };
        let dana = self.app.login(&self.dana).await;
        let leaving = self.app.as_advocate(&dana, agency, &format!("Leaving {n}")).await;
        let id = self
            .app
            .open_record(&leaving, &[("pseudonym", "L."), ("age_band", "adult")])
            .await;
        let membership = self
            .app
            .directory
            .store
            .people()
            .unwrap()
            .into_iter()
            .find(|(a, _)| a.id == leaving.id)
            .unwrap()
            .1[0]
            .id
            .clone();
        let r = self
            .app
            .act(&dana, &format!("/staff/memberships/{membership}/end"), &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        id
    }

    /// A fresh advocate in the actor's agency (North) or the other (South).
    async fn target(&self, owner: Owner) -> (String, String) {
        let n = self.made.get() + 1;
        self.made.set(n);
        let agency = if owner == Owner::Theirs {
            &self.north
        } else {
            &self.south
        };
        let dana = self.app.login(&self.dana).await;
        let id = self
            .app
            .as_advocate(&dana, agency, &format!("Target {n}"))
            .await
            .id;
        let ms = self
            .app
            .directory
            .store
            .people()
            .unwrap()
            .into_iter()
            .find(|(a, _)| a.id == id)
            .unwrap()
            .1;
        (id.0, ms[0].id.0.clone())
    }

    /// Runs one cell: the concrete request of `path` for `who` about a record that is `owner`'s.
    async fn cell(&self, method: &Method, path: &str, who: Who, owner: Owner) -> Reply {
        let me = self.session(who).await;
        let cookie = me.as_ref().map(|p| p.cookie.clone());
        let csrf = match &me {
            Some(p) => self.app.csrf(p).await,
            None => String::new(),
        };
        let app = &self.app;
        let survivor = if owner == Owner::Theirs {
            &self.bens_survivor
        } else {
            &self.others_survivor
        };
        let listing = if owner == Owner::Theirs {
            &self.pias_listing
        } else {
            &self.others_listing
        };
        if method == Method::GET {
            let id = if path.starts_with("/staff/survivors/") {
                survivor.0.as_str()
            } else if path.starts_with("/staff/listings/") {
                listing.as_str()
            } else {
                "x"
            };
            let uri = path
                .replace("{token}", &"A".repeat(43))
                .replace("{id}", id)
                .replace("{need}", survivor.1.as_str());
            return app.get(&uri, cookie.as_deref()).await;
        }
        let (uri, fields): (String, Vec<(&str, String)>) = match path {
            "/staff/login" => {
                let page = app.get("/staff/login", None).await;
                let pre = cookie_set(&page, "__Host-pre").unwrap();
                let token = field(&page.text(), "csrf");
                let fields = [
                    ("csrf", token.as_str()),
                    ("email", "x@example.org"),
                    ("password", "whatever1"),
                    ("code", "000000"),
                ];
                return app.post("/staff/login", Some(&pre), &fields).await;
            }
            "/staff/setup/{token}" | "/staff/invitations/{token}" | "/staff/reset/{token}" => {
                let page = app.get("/staff/login", None).await;
                let pre = cookie_set(&page, "__Host-pre").unwrap();
                let token = field(&page.text(), "csrf");
                let uri = path.replace("{token}", &"A".repeat(43));
                let fields = [
                    ("csrf", token.as_str()),
                    ("email", "x@example.org"),
                    ("name", "X"),
                    ("password", "whatever1"),
                    ("password_again", "whatever1"),
                    ("totp_secret", "AAAA"),
                    ("code", "000000"),
                ];
                return app.post(&uri, Some(&pre), &fields).await;
            }
            "/staff/sessions/{id}/end" => {
                let other = match (owner, who) {
                    (Owner::Theirs, _) => self.session(who).await,
                    (Owner::Others, Who::DirectoryAdmin) => self.session(Who::Advocate).await,
                    (Owner::Others, _) => self.session(Who::DirectoryAdmin).await,
                };
                let id = other.map(|p| self.session_id(&p)).unwrap_or_else(|| "x".into());
                (format!("/staff/sessions/{id}/end"), vec![])
            }
            "/staff/people/{id}/disable" | "/staff/people/{id}/reset" => {
                let (user, _) = self.target(owner).await;
                (path.replace("{id}", &user), vec![])
            }
            "/staff/people/{id}/enable" => {
                let (user, _) = self.target(owner).await;
                let dana = app.login(&self.dana).await;
                let r = app
                    .act(&dana, &format!("/staff/people/{user}/disable"), &[])
                    .await;
                assert_eq!(r.status, StatusCode::SEE_OTHER);
                (path.replace("{id}", &user), vec![])
            }
            "/staff/resets/{id}/approve" | "/staff/resets/{id}/refuse" => {
                // Asked for by an admin of the target's agency who is not the actor.
                let (user, _) = self.target(owner).await;
                let agency = if owner == Owner::Theirs {
                    &self.north
                } else {
                    &self.south
                };
                let dana = app.login(&self.dana).await;
                let n = self.made.get() + 1;
                self.made.set(n);
                let asker = app.as_agency_admin(&dana, agency, &format!("Asker {n}")).await;
                let r = app.act(&asker, &format!("/staff/people/{user}/reset"), &[]).await;
                assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
                let id = app
                    .directory
                    .store
                    .reset_requests(app.clock.now())
                    .unwrap()
                    .into_iter()
                    .find(|q| q.user.0 == user)
                    .unwrap()
                    .id
                    .0;
                (path.replace("{id}", &id), vec![])
            }
            "/staff/reports/unmet/share" => {
                let agency = if owner == Owner::Theirs {
                    &self.north
                } else {
                    &self.south
                };
                (
                    path.to_owned(),
                    vec![("agency", agency.to_string()), ("share", "on".to_owned())],
                )
            }
            "/staff/agencies/{id}/settings" => {
                let agency = if owner == Owner::Theirs {
                    &self.north
                } else {
                    &self.south
                };
                (
                    path.replace("{id}", agency),
                    vec![
                        ("time_zone", "America/Chicago".to_owned()),
                        ("phone", "555-0100".to_owned()),
                    ],
                )
            }
            "/staff/continuity/{id}" => {
                // A survivor whose primary advocate has just left their agency.
                let id = self.orphan(owner).await;
                let to = if owner == Owner::Theirs {
                    self.carl.clone()
                } else {
                    self.will.id.0.clone()
                };
                (path.replace("{id}", id.as_str()), vec![("advocate", to)])
            }
            "/staff/people/{id}/roles" => {
                let (user, _) = self.target(owner).await;
                let agency = if owner == Owner::Theirs {
                    &self.north
                } else {
                    &self.south
                };
                (
                    path.replace("{id}", &user),
                    vec![("grant", format!("agency_admin:{agency}"))],
                )
            }
            "/staff/invitations/{id}/revoke" => {
                let agency = if owner == Owner::Theirs {
                    &self.north
                } else {
                    &self.south
                };
                let n = self.made.get() + 1;
                self.made.set(n);
                let email = format!("pending{n}@example.org");
                let dana = app.login(&self.dana).await;
                let r = app
                    .act(
                        &dana,
                        "/staff/invitations",
                        &[("email", &email), ("grant", &format!("advocate:{agency}"))],
                    )
                    .await;
                assert_eq!(r.status, StatusCode::OK);
                let now = app.clock.now();
                let pending = app.directory.store.pending_invitations(now).unwrap();
                let id = pending.into_iter().find(|i| i.email == email).unwrap().id.0;
                (path.replace("{id}", id.as_str()), vec![])
            }
            "/staff/memberships/{id}/end" => {
                let (_, membership) = self.target(owner).await;
                (format!("/staff/memberships/{membership}/end"), vec![])
            }
            "/staff/invitations" => {
                let agency = if owner == Owner::Theirs {
                    &self.north
                } else {
                    &self.south
                };
                let n = self.made.get() + 1;
                self.made.set(n);
                (
                    path.to_owned(),
                    vec![
                        ("email", format!("invitee{n}@example.org")),
                        ("grant", format!("advocate:{agency}")),
                    ],
                )
            }
            "/staff/survivors" => (
                path.to_owned(),
                vec![("pseudonym", "Q.".to_owned()), ("age_band", "youth".to_owned())],
            ),
            "/staff/survivors/{id}/needs" => (
                path.replace("{id}", survivor.0.as_str()),
                vec![("need", "childcare".to_owned())],
            ),
            "/staff/survivors/{id}/record" => (
                path.replace("{id}", survivor.0.as_str()),
                vec![
                    ("pseudonym", "Edited".to_owned()),
                    ("age_band", "adult".to_owned()),
                    ("phone_1", "713-555-0100".to_owned()),
                    ("phone_1_safe", "safe_times".to_owned()),
                ],
            ),
            "/staff/survivors/{id}/needs/{need}" => (
                path.replace("{id}", survivor.0.as_str())
                    .replace("{need}", survivor.1.as_str()),
                vec![
                    ("status", "in_service".to_owned()),
                    ("priority", "high".to_owned()),
                ],
            ),
            "/staff/survivors/{id}/transfer" | "/staff/survivors/{id}/co-advocates" => {
                // A fresh survivor each time: a hand-over changes who may see it.
                let advocate = if owner == Owner::Theirs {
                    &self.ben
                } else {
                    &self.will
                };
                let advocate = app.login(advocate).await;
                let id = app
                    .open_record(&advocate, &[("pseudonym", "H."), ("age_band", "adult")])
                    .await;
                let to = if owner == Owner::Theirs {
                    &self.carl
                } else {
                    &self.ben_id
                };
                (
                    path.replace("{id}", id.as_str()),
                    vec![("advocate", to.clone()), ("stay", "yes".to_owned())],
                )
            }
            "/staff/survivors/{id}/consents" | "/staff/consents/{id}/revoke" => {
                // A referral first (consent is for an organisation referred to), as their advocate.
                let advocate = if owner == Owner::Theirs {
                    &self.ben
                } else {
                    &self.will
                };
                let advocate = app.login(advocate).await;
                let r = app
                    .act(
                        &advocate,
                        &format!("/staff/survivors/{}/needs/{}/referrals", survivor.0, survivor.1),
                        &[("service", &self.service)],
                    )
                    .await;
                assert_eq!(r.status, StatusCode::SEE_OTHER);
                let org = app
                    .directory
                    .store
                    .referrals_of(&survivor.0)
                    .unwrap()
                    .pop()
                    .unwrap()
                    .organization;
                let expires = jiff::Timestamp::from_second(app.clock.now() + 30 * 86_400)
                    .unwrap()
                    .strftime("%Y-%m-%d")
                    .to_string();
                let fields = vec![
                    ("organization", org),
                    ("share_identity", "yes".to_owned()),
                    ("purpose", "intake".to_owned()),
                    ("expires", expires),
                ];
                if path.ends_with("/consents") {
                    (path.replace("{id}", survivor.0.as_str()), fields)
                } else {
                    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    let r = app
                        .act(
                            &advocate,
                            &format!("/staff/survivors/{}/consents", survivor.0),
                            &pairs,
                        )
                        .await;
                    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
                    let consent = app.directory.store.consents_of(&survivor.0).unwrap()[0]
                        .id
                        .clone();
                    (path.replace("{id}", consent.as_str()), vec![])
                }
            }
            "/staff/survivors/{id}/erase" | "/staff/survivors/{id}/close" => {
                // A fresh survivor each time: this cell destroys what it acts on.
                let advocate = if owner == Owner::Theirs {
                    &self.ben
                } else {
                    &self.will
                };
                let advocate = app.login(advocate).await;
                let id = app
                    .open_record(&advocate, &[("pseudonym", "E."), ("age_band", "adult")])
                    .await;
                (
                    path.replace("{id}", id.as_str()),
                    if path.ends_with("/erase") {
                        vec![("confirm", "yes".to_owned())]
                    } else {
                        vec![]
                    },
                )
            }
            "/staff/survivors/{id}/needs/{need}/referrals" => (
                path.replace("{id}", survivor.0.as_str())
                    .replace("{need}", survivor.1.as_str()),
                vec![("service", self.service.clone())],
            ),
            "/staff/referrals/{id}/status" => {
                // A fresh draft referral of the survivor, made by their advocate.
                let advocate = if owner == Owner::Theirs {
                    &self.ben
                } else {
                    &self.will
                };
                let advocate = app.login(advocate).await;
                let r = app
                    .act(
                        &advocate,
                        &format!("/staff/survivors/{}/needs/{}/referrals", survivor.0, survivor.1),
                        &[("service", &self.service)],
                    )
                    .await;
                assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
                let referral = app
                    .directory
                    .store
                    .referrals_of(&survivor.0)
                    .unwrap()
                    .pop()
                    .unwrap()
                    .id;
                (
                    path.replace("{id}", referral.as_str()),
                    vec![("status", "sent".to_owned())],
                )
            }
            "/staff/agencies" => {
                let n = self.made.get() + 1;
                self.made.set(n);
                (path.to_owned(), vec![("name", format!("Agency {n}"))])
            }
            "/staff/providers" => (path.to_owned(), vec![("organization", self.provider_org.clone())]),
            "/staff/listings/{id}" => (path.replace("{id}", listing), listing_form(app, listing)),
            "/staff/listings/new" => (path.to_owned(), listing_form(app, &self.pias_listing)),
            "/staff/listings/{id}/confirm" => (path.replace("{id}", listing), vec![]),
            "/staff/tokens" => (path.to_owned(), vec![("name", "Bed board".to_owned())]),
            "/staff/webhooks" => (
                path.to_owned(),
                vec![("url", "https://hooks.example/pathways".to_owned())],
            ),
            "/staff/webhooks/{id}/remove" => {
                let mine = if owner == Owner::Theirs && matches!(who, Who::ProviderStaff | Who::AgencyAdmin) {
                    let me = me.as_ref().unwrap();
                    let r = app
                        .act(me, "/staff/webhooks", &[("url", "https://hooks.example/mine")])
                        .await;
                    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
                    let (provider, agency) = if who == Who::ProviderStaff {
                        (
                            Some(pathways::domain::staff::ProviderId(self.pias_provider.clone())),
                            None,
                        )
                    } else {
                        (None, Some(pathways::domain::staff::AgencyId(self.north.clone())))
                    };
                    app.directory
                        .store
                        .webhooks_of(provider.as_ref(), agency.as_ref())
                        .unwrap()
                        .pop()
                        .unwrap()
                        .id
                } else {
                    self.others_webhook.clone()
                };
                (path.replace("{id}", &mine), vec![])
            }
            "/staff/referrals/{id}/answer" => {
                // Ben sends a referral to Pia's organisation's service (or another's).
                let ben = app.login(&self.ben).await;
                let (survivor, need) = &self.bens_survivor;
                let r = app
                    .act(
                        &ben,
                        &format!("/staff/survivors/{survivor}/needs/{need}/referrals"),
                        &[("service", listing)],
                    )
                    .await;
                assert_eq!(r.status, StatusCode::SEE_OTHER);
                let referral = app
                    .directory
                    .store
                    .referrals_of(survivor)
                    .unwrap()
                    .into_iter()
                    .find(|r| r.service == *listing && r.status == "draft")
                    .unwrap()
                    .id;
                let sent = app
                    .act(
                        &ben,
                        &format!("/staff/referrals/{referral}/status"),
                        &[("status", "sent")],
                    )
                    .await;
                assert_eq!(sent.status, StatusCode::SEE_OTHER);
                (
                    path.replace("{id}", referral.as_str()),
                    vec![("status", "received".to_owned())],
                )
            }
            "/staff/tokens/{id}/revoke" => {
                let token = if owner == Owner::Theirs {
                    let pia = self.session(Who::ProviderStaff).await.unwrap();
                    let r = app.act(&pia, "/staff/tokens", &[("name", "To revoke")]).await;
                    assert_eq!(r.status, StatusCode::OK);
                    let provider = pathways::domain::staff::ProviderId(self.pias_provider.clone());
                    app.directory.store.api_tokens_of(&provider).unwrap()[0]
                        .id
                        .clone()
                } else {
                    self.others_token.clone()
                };
                (path.replace("{id}", &token), vec![])
            }
            "/staff/reviews/{id}/approve" | "/staff/reviews/{id}/send-back" => {
                // A change that waits: Pia proposes another need for her listing.
                let pia = self.session(Who::ProviderStaff).await.unwrap();
                let mut form = listing_form(app, &self.pias_listing);
                let has: Vec<String> = form
                    .iter()
                    .filter(|(k, _)| *k == "need")
                    .map(|(_, v)| v.clone())
                    .collect();
                let another = pathways::domain::Taxonomy::builtin()
                    .needs
                    .iter()
                    .map(|n| n.code.clone())
                    .find(|c| !has.contains(c))
                    .unwrap();
                form.push(("need", another));
                let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let r = app
                    .act(&pia, &format!("/staff/listings/{}", self.pias_listing), &pairs)
                    .await;
                assert_eq!(r.status, StatusCode::OK, "{}", r.text());
                let change = app.directory.store.pending_changes().unwrap().pop().unwrap().id;
                (
                    path.replace("{id}", &change),
                    if path.ends_with("/send-back") {
                        vec![("note", "Please say which need.".to_owned())]
                    } else {
                        vec![]
                    },
                )
            }
            _ => (path.to_owned(), vec![]),
        };
        let mut pairs = vec![("csrf", csrf.as_str())];
        pairs.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
        app.post(&uri, cookie.as_deref(), &pairs).await
    }

    /// The same request about a record that does not exist (a fresh random id).
    async fn missing(&self, method: &Method, path: &str, who: Who) -> Reply {
        let me = self.session(who).await.unwrap();
        let csrf = self.app.csrf(&me).await;
        let uri = path
            .replace("{id}", &uuid::Uuid::new_v4().to_string())
            .replace("{need}", &uuid::Uuid::new_v4().to_string());
        if method == Method::GET {
            return self.app.get(&uri, Some(&me.cookie)).await;
        }
        let grant = format!("agency_admin:{}", self.north);
        let mut pairs = vec![("csrf", csrf.as_str())];
        if path.ends_with("/roles") {
            pairs.push(("grant", &grant));
        }
        if path.ends_with("/needs") {
            pairs.push(("need", "childcare"));
        }
        if path.ends_with("{need}") {
            pairs.extend([("status", "in_service"), ("priority", "high")]);
        }
        if path.ends_with("/referrals") {
            pairs.push(("service", &self.service));
        }
        if path.ends_with("/status") {
            pairs.push(("status", "sent"));
        }
        if path.ends_with("/erase") {
            pairs.push(("confirm", "yes"));
        }
        if path.ends_with("/transfer") || path.ends_with("/co-advocates") {
            pairs.push(("advocate", &self.carl));
        }
        if path.ends_with("/answer") {
            pairs.push(("status", "received"));
        }
        if path.ends_with("/send-back") {
            pairs.push(("note", "Please say which need."));
        }
        self.app.post(&uri, Some(&me.cookie), &pairs).await
    }

    /// The id of the newest session of `p` (the one just made).
    fn session_id(&self, p: &Person) -> String {
        let store = &self.app.directory.store;
        store.sessions_of(&p.id).unwrap()[0].id.0.clone()
    }
}

/// A listing's form as it stands, with one live field changed (the description).
fn listing_form(app: &TestApp, id: &str) -> Vec<(&'static str, String)> {
    let listing = app.directory.store.listing(id).unwrap().unwrap();
    pathways::domain::listing_edit::ListingForm::of(&listing, &[])
        .fields
        .into_iter()
        .map(|(k, v)| {
            let key: &'static str = pathways::domain::listing_edit::FORM_FIELDS
                .iter()
                .chain([pathways::domain::listing_edit::AREA_FIELD].iter())
                .find(|f| **f == k)
                .unwrap();
            let v = if key == "description" {
                format!("{v} Checked.")
            } else {
                v
            };
            (key, v)
        })
        .collect()
}

/// A page with its CSRF tokens blanked (they differ from session to session).
fn without_csrf(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("name=\"csrf\" value=\"") {
        let start = at + "name=\"csrf\" value=\"".len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        rest = &rest[rest.find('"').unwrap()..];
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn ac_1_every_route_for_every_person_and_ownership() {
    let world = World::new().await;
    let routes = pathways::http::route_table();
    assert!(routes.len() > 40, "the route table is read whole");
    let mut cells = 0;
    let mut denials_checked = 0;
    for (method, path) in &routes {
        let with_ids = path.contains("{id}") || path == "/staff/invitations";
        for who in EVERYONE {
            for owner in [Owner::Theirs, Owner::Others] {
                if !with_ids && owner == Owner::Others {
                    continue;
                }
                let expected = expect(method, path, who, owner);
                if expected == Expect::Public {
                    if who == Who::Anonymous && owner == Owner::Theirs && method == Method::GET {
                        let r = world
                            .app
                            .get(&path.replace("{id}", "x").replace("{name}", "x"), None)
                            .await;
                        let login = r
                            .headers
                            .get("location")
                            .is_some_and(|l| l.to_str().unwrap().starts_with("/staff"));
                        assert!(!login, "{path} is public");
                    }
                    continue;
                }
                let audit_before = world.app.audit().len();
                let reply = world.cell(method, path, who, owner).await;
                cells += 1;
                let status = reply.status;
                match (expected, who) {
                    (Expect::Open(s), _) => {
                        assert_eq!(status, s, "{method} {path} as {who:?}: {}", reply.text())
                    }
                    (Expect::Staff(_), Who::Anonymous) => {
                        assert_eq!(status, StatusCode::SEE_OTHER, "{method} {path} anonymous");
                        assert_eq!(reply.headers["location"], "/staff/login");
                    }
                    (Expect::Staff(s), _) => {
                        assert_eq!(
                            status,
                            s,
                            "{method} {path} as {who:?} on {owner:?}'s record: {}",
                            reply.text()
                        );
                        if s == StatusCode::NOT_FOUND {
                            // AC-3: the same page as a record that does not exist.
                            assert!(reply.text().contains("There is nothing here"), "{path}");
                            // LOG-1: exactly one audit entry, a denial.
                            let after = world.app.audit();
                            let new = &after[..after.len() - audit_before];
                            let denials = new.iter().filter(|e| !e.allowed).count();
                            assert_eq!(denials, 1, "{method} {path} as {who:?}: {new:?}");
                            assert!(!after[0].allowed, "the denial is the last entry: {:?}", after[0]);
                            denials_checked += 1;
                            if path.contains("{id}") {
                                let missing = world.missing(method, path, who).await;
                                assert_eq!(missing.status, status, "{path}: missing vs forbidden");
                                assert_eq!(
                                    without_csrf(&missing.text()),
                                    without_csrf(&reply.text()),
                                    "{path}: a forbidden record's page differs from a missing one's"
                                );
                            }
                        }
                    }
                    (Expect::Public, _) => unreachable!(),
                }
            }
        }
    }
    assert!(cells > 80, "only {cells} cells ran");
    assert!(denials_checked > 20, "only {denials_checked} denials checked");
    assert!(matches!(
        world.app.directory.store.audit_verify().unwrap(),
        pathways::domain::audit::Verification::Intact { entries, .. } if entries == world.app.audit().len() as u64
    ));
}

mod revocation {
    //! AC-2: a property-based model of grants and revocations. After every step, what each
    //! person can do on their next request (through a real session) equals the model.

    use std::collections::BTreeSet;
    use std::sync::Arc;

    use pathways::crypto::Token;
    use pathways::crypto::password::Cost;
    use pathways::domain::audit::Entry;
    use pathways::domain::staff::{Agency, AgencyId, Grant, Role, Scope, SessionId, UserId};
    use pathways::services::clock::Clock;
    use pathways::services::policy::{self, Action};
    use pathways::services::staff::{SessionCheck, Staff, StaffSettings};
    use pathways::store::{NewAccount, NewSession, Pass};
    use proptest::prelude::*;

    use crate::support::TestDir;

    const PEOPLE: usize = 3;
    const AGENCIES: usize = 2;

    #[derive(Clone, Debug)]
    enum Step {
        Grant {
            person: usize,
            admin: bool,
            agency: usize,
        },
        End {
            pick: usize,
        },
        Disable {
            person: usize,
        },
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            3 => (0..PEOPLE, any::<bool>(), 0..AGENCIES).prop_map(|(person, admin, agency)| Step::Grant { person, admin, agency }),
            2 => (0..16usize).prop_map(|pick| Step::End { pick }),
            1 => (0..PEOPLE).prop_map(|person| Step::Disable { person }),
        ]
    }

    fn entry() -> Entry {
        Entry {
            actor: None,
            agency: None,
            action: "test",
            record: String::new(),
            allowed: true,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
        #[test]
        fn ac_2_access_equals_the_model_after_every_step(steps in proptest::collection::vec(step(), 1..14)) {
            let dir = TestDir::new();
            let directory = Arc::new(dir.open());
            let clock = Clock::manual(1_800_000_000);
            let (staff, _) = Staff::open(directory.clone(), &dir.keys(), Cost::FLOOR, clock.clone(), StaffSettings::default()).unwrap();
            let store = &directory.store;
            let agencies: Vec<AgencyId> = (0..AGENCIES)
                .map(|i| {
                    let a = Agency { id: AgencyId::random(), name: format!("A{i}") };
                    store.create_agency(&a, &entry(), 0).unwrap();
                    a.id
                })
                .collect();
            let users: Vec<UserId> = (0..PEOPLE)
                .map(|i| {
                    let token = [i as u8; 32];
                    store.add_setup_token(&token, i64::MAX).unwrap();
                    let id = UserId::random();
                    store
                        .enrol(
                            Pass::Setup(&token),
                            &NewAccount {
                                id: id.clone(),
                                email: format!("p{i}@example.org"),
                                name: format!("P{i}"),
                                password_hash: "unused".into(),
                                totp_sealed: vec![0],
                                totp_step: 0,
                                recovery_hashes: vec![],
                            },
                            0,
                        )
                        .unwrap();
                    // Enrolment via setup makes a directory admin: end it, so people start with nothing.
                    let m = store.people().unwrap().into_iter().find(|(a, _)| a.id == id).unwrap().1;
                    store.end_membership(&m[0].id, &entry(), 0).unwrap();
                    id
                })
                .collect();
            // The model: active (person, admin?, agency) grants, and who is disabled.
            let mut active: Vec<(usize, bool, usize, pathways::domain::staff::MembershipId)> = Vec::new();
            let mut disabled: BTreeSet<usize> = BTreeSet::new();
            let mut tokens: Vec<Option<Token>> = (0..PEOPLE).map(|_| None).collect();
            for s in steps {
                // Whose grants this step changes: their live session must end (SES-2, SES-4).
                let touched = match &s {
                    Step::Grant { person, .. } | Step::Disable { person } => Some(*person),
                    Step::End { .. } if active.is_empty() => None,
                    Step::End { pick } => Some(active[pick % active.len()].0),
                };
                match s {
                    Step::Grant { person, admin, agency } => {
                        let role = if admin { Role::AgencyAdmin } else { Role::Advocate };
                        let g = Grant { role, scope: Scope::Agency(agencies[agency].clone()) };
                        let id = store.add_membership(&users[person], &g, &entry(), 0).unwrap();
                        active.push((person, admin, agency, id));
                    }
                    Step::End { pick } => {
                        if !active.is_empty() {
                            let (_, _, _, id) = active.remove(pick % active.len());
                            store.end_membership(&id, &entry(), 0).unwrap();
                        }
                    }
                    Step::Disable { person } => {
                        store.disable_user(&users[person], &entry(), 0).unwrap();
                        disabled.insert(person);
                    }
                }
                for (p, user) in users.iter().enumerate() {
                    // The person's next request: with their session if it is alive, else they sign in again.
                    let live = tokens[p].as_ref().map(|t| staff.sessions().session(t).unwrap());
                    if touched == Some(p) {
                        prop_assert!(!matches!(live, Some(SessionCheck::Valid(_))), "person {}'s session outlived a change of their grants", p);
                    }
                    let session = match live {
                        Some(SessionCheck::Valid(s)) => Some(s),
                        _ if disabled.contains(&p) => None,
                        _ => {
                            let t = Token::generate().unwrap();
                            store.login_succeeded(user, &store.address_tag(None).unwrap(), None, None, None, &NewSession { id: &SessionId::random(), token_hash: &t.hash() }, clock.now()).unwrap();
                            let SessionCheck::Valid(s) = staff.sessions().session(&t).unwrap() else { panic!("a new session works") };
                            tokens[p] = Some(t);
                            Some(s)
                        }
                    };
                    if disabled.contains(&p) {
                        prop_assert!(session.is_none(), "a disabled account has no live session");
                    }
                    for (a, agency) in agencies.iter().enumerate() {
                        let invite = Grant { role: Role::Advocate, scope: Scope::Agency(agency.clone()) };
                        let actual = session.as_ref().is_some_and(|s| policy::allows(&s.actor, Action::Invite(&invite)));
                        let model = !disabled.contains(&p) && active.iter().any(|(q, admin, b, _)| *q == p && *admin && *b == a);
                        prop_assert_eq!(actual, model, "person {} agency {}", p, a);
                    }
                }
            }
        }
    }
}
