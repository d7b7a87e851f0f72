//! What the production template (infra/template.yaml) and the WAF stack
//! (infra/waf.yaml) must keep: the checks cfn-lint cannot make because they are
//! this project's decisions (scripts/infra-test.sh runs cfn-lint itself).

use std::fs;
use std::path::PathBuf;

use serde_yaml_ng::{Mapping, Value};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(rel: &str) -> Value {
    let text = fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Looks a key up, seeing through CloudFormation short-form tags (`!Sub`, `!If`, …).
fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Tagged(t) => get(&t.value, key),
        Value::Mapping(m) => m.get(key),
        _ => None,
    }
}

fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| get(v, k))
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    at(v, path).and_then(Value::as_str)
}

fn resources(t: &Value) -> &Mapping {
    get(t, "Resources")
        .and_then(Value::as_mapping)
        .expect("Resources")
}

fn of_type<'a>(t: &'a Value, ty: &str) -> Vec<(String, &'a Value)> {
    resources(t)
        .iter()
        .filter(|(_, r)| str_at(r, &["Type"]) == Some(ty))
        .map(|(k, r)| (k.as_str().unwrap().to_string(), r))
        .collect()
}

fn resource<'a>(t: &'a Value, name: &str) -> &'a Value {
    resources(t)
        .get(name)
        .unwrap_or_else(|| panic!("no resource {name}"))
}

/// The text of a scalar, or of the scalar under a tag (`!Sub "…"`, `!Ref X`).
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => text(&t.value),
        _ => None,
    }
}

fn list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Sequence(s)) => s.iter().filter_map(text).collect(),
        Some(other) => text(other).into_iter().collect(),
        None => Vec::new(),
    }
}

/// Every IAM statement in a function's inline `Policies`.
fn statements(f: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    if let Some(Value::Sequence(policies)) = at(f, &["Properties", "Policies"]) {
        for p in policies {
            if let Some(Value::Sequence(st)) = get(p, "Statement") {
                out.extend(st.iter());
            }
        }
    }
    out
}

fn actions(f: &Value) -> Vec<String> {
    statements(f)
        .into_iter()
        .flat_map(|s| list(get(s, "Action")))
        .collect()
}

const FUNCTIONS: &[(&str, &str, &str, Option<&str>)] = &[
    // logical id, crate folder, binary, HTTP route
    (
        "SurveyFunction",
        "functions/survey",
        "survey",
        Some("/api/khao-sat/{proxy+}"),
    ),
    (
        "OpinionsFunction",
        "functions/opinions",
        "opinions",
        Some("/api/gop-y/{proxy+}"),
    ),
    (
        "QuestionsFunction",
        "functions/questions",
        "questions",
        Some("/api/hoi-dap/{proxy+}"),
    ),
    (
        "InvitationsFunction",
        "functions/invitations",
        "invitations",
        None,
    ),
    ("EventsFunction", "functions/ses-events", "ses-events", None),
];

#[test]
fn functions_are_rust_on_arm64_built_by_lambda_build() {
    let t = load("infra/template.yaml");
    assert_eq!(
        str_at(&t, &["Transform"]),
        Some("AWS::Serverless-2016-10-31")
    );
    let all = of_type(&t, "AWS::Serverless::Function");
    assert_eq!(
        all.len(),
        FUNCTIONS.len(),
        "functions: {:?}",
        all.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    for (id, folder, binary, route) in FUNCTIONS {
        let f = resource(&t, id);
        let p = |k: &str| str_at(f, &["Properties", k]);
        assert_eq!(p("Runtime"), Some("provided.al2023"), "{id}");
        assert_eq!(p("Handler"), Some("bootstrap"), "{id}");
        assert_eq!(
            list(at(f, &["Properties", "Architectures"])),
            ["arm64"],
            "{id}"
        );
        // Built by functions/<crate>/Makefile through scripts/lambda-build.sh, with
        // the deployed profile (SAM's rust-cargolambda cannot choose one).
        assert_eq!(
            str_at(f, &["Metadata", "BuildMethod"]),
            Some("makefile"),
            "{id}"
        );
        let makefile = fs::read_to_string(repo().join(folder).join("Makefile"))
            .unwrap_or_else(|e| panic!("{folder}/Makefile ({id}): {e}"));
        assert!(
            makefile.contains(&format!("\nbuild-{id}:\n")),
            "{folder}/Makefile has no build-{id} target"
        );
        assert!(
            makefile.contains(&format!(
                "../../scripts/lambda-build.sh --sam {binary} \"$(ARTIFACTS_DIR)\""
            )),
            "{folder}/Makefile does not copy the {binary} bootstrap through scripts/lambda-build.sh"
        );
        assert_eq!(
            str_at(f, &["Metadata", "BuildProperties", "Binary"]),
            Some(*binary),
            "{id}"
        );
        assert_eq!(p("CodeUri"), Some(format!("../{folder}").as_str()), "{id}");
        let memory = at(f, &["Properties", "MemorySize"])
            .and_then(Value::as_u64)
            .unwrap_or_else(|| panic!("{id} has no MemorySize"));
        assert!((128..=256).contains(&memory), "{id}: {memory} MB");
        assert_eq!(
            str_at(f, &["Properties", "LoggingConfig", "LogFormat"]),
            Some("JSON"),
            "{id}"
        );
        assert!(
            get(
                at(f, &["Properties", "Environment", "Variables"]).unwrap(),
                "TABLE_NAME"
            )
            .is_some(),
            "{id} has no TABLE_NAME"
        );
        // The route, if any.
        let events = at(f, &["Properties", "Events"]).and_then(Value::as_mapping);
        let http: Vec<String> = events
            .into_iter()
            .flatten()
            .filter(|(_, e)| str_at(e, &["Type"]) == Some("HttpApi"))
            .filter_map(|(_, e)| str_at(e, &["Properties", "Path"]).map(str::to_string))
            .collect();
        assert_eq!(
            http,
            route.map(str::to_string).into_iter().collect::<Vec<_>>(),
            "{id}"
        );
        // When the crate exists, it must build the binary the template names.
        let manifest = repo().join(folder).join("Cargo.toml");
        if let Ok(toml) = fs::read_to_string(&manifest) {
            assert!(
                toml.contains(&format!("name = \"{binary}\"")),
                "{} defines no package or [[bin]] named {binary:?} (BuildProperties.Binary of {id})",
                manifest.display()
            );
        }
    }
}

/// The functions' Makefiles call scripts/lambda-build.sh by a path relative to
/// the repository, which holds only when SAM builds in place, in every config env.
#[test]
fn sam_builds_the_functions_in_place() {
    let config = fs::read_to_string(repo().join("infra/samconfig.toml")).expect("samconfig.toml");
    for env in ["default", "production", "staging"] {
        let header = format!("[{env}.build.parameters]");
        let section = config
            .split_once(&header)
            .unwrap_or_else(|| panic!("samconfig.toml has no {header}"))
            .1
            .split("\n[")
            .next()
            .unwrap_or_default();
        assert!(
            section.contains("build_in_source = true"),
            "{header} does not set build_in_source = true"
        );
    }
}

/// The string arguments of every `<call>"…"` in `src`, e.g. `required("`.
fn call_args(src: &str, call: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find(call) {
        rest = &rest[i + call.len()..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    out
}

/// The names a function's `src/main.rs` declares required (`required("NAME")`).
fn required_env(main_rs: &str) -> Vec<String> {
    call_args(main_rs, "required(\"")
}

/// The secrets a function's `src/main.rs` reads with lambda-config
/// (`Secrets::…get("NAME")`): in AWS each comes from the SSM parameter `NAME_PARAM` names.
fn secrets_read(main_rs: &str) -> Vec<String> {
    call_args(main_rs, ".get(\"")
        .into_iter()
        .filter(|n| n.starts_with("CCHC_"))
        .collect()
}

/// The SSM parameters a function may read (`ssm:GetParameter` resources), as
/// `/cchc/${Environment}/…` paths.
fn readable_parameters(f: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for s in statements(f) {
        if list(get(s, "Action"))
            .iter()
            .any(|a| a == "ssm:GetParameter")
        {
            for r in list(get(s, "Resource")) {
                let path = r.split(":parameter").nth(1).unwrap_or_default();
                out.push(path.to_string());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn functions_get_the_environment_their_code_requires() {
    let t = load("infra/template.yaml");
    for (id, folder, ..) in FUNCTIONS {
        let Ok(main_rs) = fs::read_to_string(repo().join(folder).join("src/main.rs")) else {
            continue; // not written yet
        };
        let vars = at(
            resource(&t, id),
            &["Properties", "Environment", "Variables"],
        )
        .unwrap();
        for name in required_env(&main_rs) {
            // A secret is set as the name of its SSM parameter (NAME_PARAM), which
            // the function reads at start-up; docs/DEPLOY.md has the contract.
            let param = format!("{name}_PARAM");
            assert!(
                get(vars, &name).is_some() || get(vars, &param).is_some(),
                "{folder}/src/main.rs requires {name}, which {id} in infra/template.yaml does not set"
            );
        }
    }
}

#[test]
fn secrets_are_never_literal_in_the_template() {
    let t = load("infra/template.yaml");
    for (id, f) in of_type(&t, "AWS::Serverless::Function") {
        let Some(Value::Mapping(vars)) = at(f, &["Properties", "Environment", "Variables"]) else {
            continue;
        };
        for (k, v) in vars {
            let k = k.as_str().unwrap();
            let upper = k.to_ascii_uppercase();
            if upper.contains("SECRET") || upper.contains("PASSWORD") || upper.contains("KEY") {
                assert!(
                    upper.ends_with("_PARAM"),
                    "{id}: {k} must name an SSM parameter (…_PARAM), not hold a secret"
                );
                let value = text(v).unwrap_or_default();
                assert!(
                    value.starts_with("/cchc/"),
                    "{id}: {k} should be an SSM parameter path, got {value:?}"
                );
            }
        }
    }
    let raw = fs::read_to_string(repo().join("infra/template.yaml")).unwrap();
    // A dynamic reference would put the secret itself into the function's
    // configuration, readable by anyone who can describe the function.
    for reference in ["{{resolve:ssm-secure", "{{resolve:secretsmanager"] {
        assert!(
            !raw.contains(reference),
            "{reference} in the template: pass the parameter's name instead"
        );
    }
}

#[test]
fn each_function_gets_only_the_access_it_needs() {
    let t = load("infra/template.yaml");
    for (id, f) in of_type(&t, "AWS::Serverless::Function") {
        assert!(
            get(f.get("Properties").unwrap(), "Policies").is_some(),
            "{id} has no inline policy"
        );
        for s in statements(f) {
            for a in list(get(s, "Action")) {
                assert!(!a.contains('*'), "{id}: wildcard action {a}");
                assert!(
                    !matches!(
                        a.as_str(),
                        "dynamodb:Scan" | "dynamodb:DeleteTable" | "dynamodb:CreateTable"
                    ),
                    "{id}: {a}"
                );
            }
            for r in list(get(s, "Resource")) {
                assert_ne!(r, "*", "{id}: a statement on every resource");
            }
        }
        let acts = actions(f);
        let mails = acts.iter().any(|a| a == "ses:SendEmail");
        let s3 = acts.iter().any(|a| a.starts_with("s3:"));
        assert_eq!(
            mails,
            // Every function that mails respondents or citizens; the events function does not.
            id != "EventsFunction",
            "{id}: ses:SendEmail"
        );
        assert_eq!(s3, id == "QuestionsFunction", "{id}: s3 access");
        // Mail is limited to the domain identity and the configuration set.
        for s in statements(f) {
            if list(get(s, "Action")).iter().any(|a| a == "ses:SendEmail") {
                let res = list(get(s, "Resource"));
                assert_eq!(res.len(), 2, "{id}: {res:?}");
                assert!(res.iter().any(|r| r.contains(":identity/${DomainName}")));
                assert!(res
                    .iter()
                    .any(|r| r.contains(":configuration-set/${ConfigurationSet}")));
            }
        }
    }
}

#[test]
fn asynchronous_functions_keep_what_failed() {
    let t = load("infra/template.yaml");
    for id in ["EventsFunction", "InvitationsFunction"] {
        let f = resource(&t, id);
        let dlq = at(f, &["Properties", "DeadLetterQueue", "TargetArn"]).is_some();
        let on_failure = at(
            f,
            &[
                "Properties",
                "EventInvokeConfig",
                "DestinationConfig",
                "OnFailure",
                "Destination",
            ],
        )
        .is_some();
        assert!(
            dlq || on_failure,
            "{id} has no dead-letter queue or on-failure destination"
        );
    }
}

#[test]
fn table_is_protected_and_matches_the_store() {
    let t = load("infra/template.yaml");
    let tables = of_type(&t, "AWS::DynamoDB::Table");
    assert_eq!(tables.len(), 1);
    let p = get(tables[0].1, "Properties").unwrap();
    assert_eq!(str_at(p, &["BillingMode"]), Some("PAY_PER_REQUEST"));
    assert_eq!(
        at(
            p,
            &[
                "PointInTimeRecoverySpecification",
                "PointInTimeRecoveryEnabled"
            ]
        ),
        Some(&Value::Bool(true))
    );
    assert_eq!(
        get(p, "DeletionProtectionEnabled"),
        Some(&Value::Bool(true))
    );
    assert_eq!(
        str_at(p, &["TimeToLiveSpecification", "AttributeName"]),
        Some("expires_at")
    );
    assert_eq!(
        at(p, &["SSESpecification", "SSEEnabled"]),
        Some(&Value::Bool(true))
    );
    let keys: Vec<String> = get(p, "KeySchema")
        .and_then(Value::as_sequence)
        .unwrap()
        .iter()
        .filter_map(|k| str_at(k, &["AttributeName"]).map(str::to_string))
        .collect();
    assert_eq!(keys, ["pk", "sk"]);
    let gsis = get(p, "GlobalSecondaryIndexes")
        .and_then(Value::as_sequence)
        .unwrap();
    assert_eq!(gsis.len(), 1);
    assert_eq!(str_at(&gsis[0], &["IndexName"]), Some("gsi1"));
    let gkeys: Vec<String> = get(&gsis[0], "KeySchema")
        .and_then(Value::as_sequence)
        .unwrap()
        .iter()
        .filter_map(|k| str_at(k, &["AttributeName"]).map(str::to_string))
        .collect();
    assert_eq!(gkeys, ["gsi1pk", "gsi1sk"]);
}

#[test]
fn distribution_serves_site_and_api_with_security_headers() {
    let t = load("infra/template.yaml");
    let dists = of_type(&t, "AWS::CloudFront::Distribution");
    assert_eq!(dists.len(), 1);
    let c = at(dists[0].1, &["Properties", "DistributionConfig"]).unwrap();
    assert_eq!(str_at(c, &["HttpVersion"]), Some("http2and3"));
    let default = get(c, "DefaultCacheBehavior").unwrap();
    let behaviors = get(c, "CacheBehaviors")
        .and_then(Value::as_sequence)
        .unwrap();
    let mut all = vec![default];
    all.extend(behaviors.iter());
    for b in &all {
        assert!(
            get(b, "ResponseHeadersPolicyId").is_some(),
            "a cache behavior without the security headers: {b:?}"
        );
        assert_eq!(get(b, "Compress"), Some(&Value::Bool(true)));
    }
    let by_path = |p: &str| {
        behaviors
            .iter()
            .find(|b| str_at(b, &["PathPattern"]) == Some(p))
            .unwrap_or_else(|| panic!("no cache behavior for {p}"))
    };
    let api = by_path("/api/*");
    assert_eq!(str_at(api, &["TargetOriginId"]), Some("api"));
    assert!(list(get(api, "AllowedMethods")).contains(&"POST".to_string()));
    assert!(get(api, "OriginRequestPolicyId").is_some());
    let assets = by_path("/assets/*");
    let assets_policy = text(get(assets, "CachePolicyId").unwrap()).unwrap();
    assert_eq!(
        at(
            resource(&t, &assets_policy),
            &["Properties", "CachePolicyConfig", "MaxTTL"]
        )
        .and_then(Value::as_u64),
        Some(31_536_000)
    );
    let html_policy = text(get(default, "CachePolicyId").unwrap()).unwrap();
    let html_ttl = at(
        resource(&t, &html_policy),
        &["Properties", "CachePolicyConfig", "DefaultTTL"],
    )
    .and_then(Value::as_u64)
    .unwrap();
    assert!(html_ttl <= 600, "HTML cached {html_ttl} s");
    let errors = get(c, "CustomErrorResponses")
        .and_then(Value::as_sequence)
        .unwrap();
    assert!(errors.iter().any(|e| {
        get(e, "ErrorCode").and_then(Value::as_u64) == Some(404)
            && str_at(e, &["ResponsePagePath"]) == Some("/404.html")
    }));
    // HSTS: two years, subdomains, preload.
    let (_, rhp) = &of_type(&t, "AWS::CloudFront::ResponseHeadersPolicy")[0];
    let hsts = at(
        rhp,
        &[
            "Properties",
            "ResponseHeadersPolicyConfig",
            "SecurityHeadersConfig",
            "StrictTransportSecurity",
        ],
    )
    .unwrap();
    assert!(get(hsts, "AccessControlMaxAgeSec").and_then(Value::as_u64) >= Some(63_072_000));
    assert_eq!(get(hsts, "IncludeSubdomains"), Some(&Value::Bool(true)));
    assert_eq!(get(hsts, "Preload"), Some(&Value::Bool(true)));
}

#[test]
fn every_function_has_error_and_throttle_alarms_and_ses_reputation_is_watched() {
    let t = load("infra/template.yaml");
    let alarms = of_type(&t, "AWS::CloudWatch::Alarm");
    let watched = |metric: &str, dimension_value: &str| {
        alarms.iter().any(|(_, a)| {
            let p = get(a, "Properties").unwrap();
            str_at(p, &["MetricName"]) == Some(metric)
                && get(p, "Dimensions")
                    .and_then(Value::as_sequence)
                    .is_some_and(|d| {
                        d.iter().any(|d| {
                            get(d, "Value").and_then(text).as_deref() == Some(dimension_value)
                        })
                    })
                && get(p, "AlarmActions").is_some()
        })
    };
    for (id, ..) in FUNCTIONS {
        assert!(watched("Errors", id), "no Errors alarm for {id}");
        assert!(watched("Throttles", id), "no Throttles alarm for {id}");
    }
    let threshold = |metric: &str| {
        alarms
            .iter()
            .find(|(_, a)| str_at(a, &["Properties", "MetricName"]) == Some(metric))
            .and_then(|(_, a)| at(a, &["Properties", "Threshold"]))
            .and_then(Value::as_f64)
            .unwrap_or_else(|| panic!("no alarm on {metric}"))
    };
    assert!(threshold("Reputation.BounceRate") <= 0.05);
    assert!(threshold("Reputation.ComplaintRate") <= 0.001);
}

#[test]
fn ses_identity_signs_with_2048_bit_dkim_and_publishes_every_event() {
    let t = load("infra/template.yaml");
    let (_, id) = &of_type(&t, "AWS::SES::EmailIdentity")[0];
    assert_eq!(
        str_at(
            id,
            &[
                "Properties",
                "DkimSigningAttributes",
                "NextSigningKeyLength"
            ]
        ),
        Some("RSA_2048_BIT")
    );
    assert_eq!(
        at(id, &["Properties", "MailFromAttributes", "MailFromDomain"]).and_then(text),
        Some("bounce.${DomainName}".to_string())
    );
    let (_, dest) = &of_type(&t, "AWS::SES::ConfigurationSetEventDestination")[0];
    let mut types = list(at(
        dest,
        &["Properties", "EventDestination", "MatchingEventTypes"],
    ));
    types.sort();
    assert_eq!(
        types,
        [
            "bounce",
            "click",
            "complaint",
            "delivery",
            "deliveryDelay",
            "open",
            "reject",
            "send"
        ]
    );
}

#[test]
fn waf_is_for_cloudfront_and_rate_limits_the_api() {
    let w = load("infra/waf.yaml");
    let acls = of_type(&w, "AWS::WAFv2::WebACL");
    assert_eq!(acls.len(), 1);
    let p = get(acls[0].1, "Properties").unwrap();
    assert_eq!(str_at(p, &["Scope"]), Some("CLOUDFRONT"));
    let rules = get(p, "Rules").and_then(Value::as_sequence).unwrap();
    let rate = rules
        .iter()
        .find_map(|r| at(r, &["Statement", "RateBasedStatement"]))
        .expect("a rate-based rule");
    assert_eq!(
        str_at(
            rate,
            &["ScopeDownStatement", "ByteMatchStatement", "SearchString"]
        ),
        Some("/api/")
    );
    assert!(rules.iter().any(
        |r| str_at(r, &["Statement", "ManagedRuleGroupStatement", "Name"])
            == Some("AWSManagedRulesCommonRuleSet")
    ));
    // The main template takes the ACL's ARN as a parameter.
    let t = load("infra/template.yaml");
    assert!(at(&t, &["Parameters", "WebAclArn"]).is_some());
}

#[test]
fn each_secret_is_an_ssm_parameter_its_function_alone_may_read() {
    let t = load("infra/template.yaml");
    for (id, folder, ..) in FUNCTIONS {
        let f = resource(&t, id);
        let vars = at(f, &["Properties", "Environment", "Variables"]).unwrap();
        // Every *_PARAM the function gets, it may read; and nothing else in SSM.
        let mut named: Vec<String> = vars
            .as_mapping()
            .unwrap()
            .iter()
            .filter(|(k, _)| k.as_str().is_some_and(|k| k.ends_with("_PARAM")))
            .filter_map(|(_, v)| text(v))
            .collect();
        named.sort();
        assert_eq!(
            readable_parameters(f),
            named,
            "{id}: ssm:GetParameter must cover exactly the parameters its *_PARAM variables name"
        );
        let Ok(main_rs) = fs::read_to_string(repo().join(folder).join("src/main.rs")) else {
            continue; // not written yet
        };
        for name in secrets_read(&main_rs) {
            assert!(
                get(vars, &format!("{name}_PARAM")).is_some(),
                "{folder}/src/main.rs reads the secret {name}; {id} must get {name}_PARAM"
            );
        }
    }
    // The link key seals invitation tokens: the function that mails links and the
    // one that opens them need the same key.
    for id in ["SurveyFunction", "InvitationsFunction"] {
        let vars = at(
            resource(&t, id),
            &["Properties", "Environment", "Variables"],
        )
        .unwrap();
        assert_eq!(
            get(vars, "CCHC_LINK_KEY_PARAM").and_then(text).as_deref(),
            Some("/cchc/${Environment}/link-key"),
            "{id}"
        );
    }
}

#[test]
fn functions_behind_cloudfront_skip_exactly_its_hop_in_x_forwarded_for() {
    let t = load("infra/template.yaml");
    for (id, folder, _, route) in FUNCTIONS {
        if route.is_none() {
            continue;
        }
        let vars = at(
            resource(&t, id),
            &["Properties", "Environment", "Variables"],
        )
        .unwrap();
        // Viewer -> CloudFront (appends the viewer) -> HTTP API (appends CloudFront).
        assert_eq!(
            get(vars, "CCHC_TRUSTED_PROXY_HOPS")
                .and_then(text)
                .as_deref(),
            Some("1"),
            "{id}"
        );
        if *folder == "functions/survey" {
            let main_rs = fs::read_to_string(repo().join(folder).join("src/main.rs")).unwrap();
            assert!(
                main_rs.contains("\"CCHC_TRUSTED_PROXY_HOPS\""),
                "{folder}/src/main.rs no longer reads CCHC_TRUSTED_PROXY_HOPS"
            );
        }
    }
}
