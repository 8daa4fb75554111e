#!/usr/bin/env python3
"""bench/stats.sh: compares the service's answer with the base-table SQL's figures, exactly (decimals).

usage: stats-compare.py QUESTION.sql ANSWER BASE ACCEPT
Prints what was compared; exits 1 on the first difference (printed).
"""
import csv
import io
import json
import sys
from decimal import Decimal

question, answer_file, base_file, accept = sys.argv[1:5]
base = [line.rstrip("\n").split("|") for line in open(base_file, encoding="utf-8") if line.strip()]
text = open(answer_file, encoding="utf-8").read()
checked = 0


def same(what, api, sql):
    global checked
    a = Decimal(str(api if api is not None else "0"))
    b = Decimal(sql if sql not in (None, "") else "0")
    if a != b:
        print(f"DIFFERENT {what}: service {api}, base SQL {sql}")
        sys.exit(1)
    checked += 1


if question == "q-months.sql":
    rows = {r["period"]: r for r in json.loads(text)["rows"]}
    for month, pledges, amount, assets, enterprises, loans, principal, borrowers, insured, defaults, outstanding in base:
        r = rows.get(month)
        if r is None:
            print(f"DIFFERENT {month}: no row in the service's answer")
            sys.exit(1)
        g, l = r["registration"], r["lending"]
        same(month + " pledges", g["pledges"]["value"], pledges)
        same(month + " pledgedAmount", g["pledgedAmount"]["value"], amount)
        same(month + " pledgedAssets", g["pledgedAssets"]["value"], assets)
        same(month + " enterprises", g["enterprises"]["value"], enterprises)
        same(month + " loansIssued", l["loansIssued"]["value"], loans)
        same(month + " principalIssued", l["principalIssued"]["value"], principal)
        same(month + " borrowers", l["borrowers"]["value"], borrowers)
        same(month + " insuredPrincipal", l["insuredPrincipal"]["value"], insured)
        same(month + " defaults", l["defaults"]["value"], defaults)
        same(month + " outstandingAtPeriodEnd", l["outstandingAtPeriodEnd"]["value"], outstanding)
    print(f"{len(base)} months x 10 figures ({checked} values)")
elif question == "q-banks.sql":
    sql = {(y, g): (a, p) for y, g, a, p in base}
    rows = json.loads(text)["rows"]
    for r in rows:
        a, p = sql.pop((r["period"], r["group"]), ("0", "0"))
        same(f'{r["period"]} bank {r["group"]} pledgedAmount', r["registration"]["pledgedAmount"]["value"], a)
        same(f'{r["period"]} bank {r["group"]} principalIssued', r["lending"]["principalIssued"]["value"], p)
    if sql:
        print(f"DIFFERENT: groups missing from the service's answer: {sorted(sql)[:5]}")
        sys.exit(1)
    print(f"{len(rows)} bank-years x 2 figures ({checked} values)")
elif question == "q-districts.sql":
    sql = {g: (a, p, b) for g, a, p, b in base}
    api = {}
    if accept == "text/csv":
        for rec in csv.DictReader(io.StringIO(text)):
            if rec["breakdown"] == "DISTRICT" and rec["measure"] in ("pledgedAmount", "principalIssued", "borrowers"):
                api.setdefault(rec["group"], {})[(rec["basis"], rec["measure"])] = rec["value"]
    else:
        a = json.loads(text)
        for c in a["registrationBasis"]["byDistrict"]:
            api.setdefault(c["group"], {})[("REGISTRATION", "pledgedAmount")] = c["pledgedAmount"]
        for c in a["lendingBasis"]["byDistrict"]:
            api.setdefault(c["group"], {})[("LENDING", "principalIssued")] = c["principalIssued"]
            api.setdefault(c["group"], {})[("LENDING", "borrowers")] = c["borrowers"]
    if set(api) != set(sql):
        print(f"DIFFERENT districts: service {sorted(api)}, base SQL {sorted(sql)}")
        sys.exit(1)
    for g, (amount, principal, borrowers) in sql.items():
        same(g + " pledgedAmount", api[g].get(("REGISTRATION", "pledgedAmount")), amount)
        same(g + " principalIssued", api[g].get(("LENDING", "principalIssued")), principal)
        same(g + " borrowers", api[g].get(("LENDING", "borrowers")), borrowers)
    print(f"{len(sql)} districts x 3 figures ({checked} values)")
elif question == "q-securitization.sql":
    sql = {y: (n, amount, loans) for y, n, amount, loans in base}
    for r in json.loads(text)["rows"]:
        n, amount, loans = sql.get(r["period"], ("0", "0", "0"))
        s = r["securitization"]
        same(r["period"] + " products", s["products"]["value"], n)
        same(r["period"] + " issuedPrincipal", s["issuedPrincipal"]["value"], amount)
        same(r["period"] + " loansSecuritized", s["loansSecuritized"]["value"], loans)
    print(f"{len(sql)} years x 3 figures ({checked} values)")
else:
    print("unknown question " + question)
    sys.exit(1)
