-- Generated ledger data for bench/stats.sh: set-based inserts into the base tables of a freshly
-- migrated database. psql variables: pledges (how many), first_year, years, seed.
--
-- Every registered pledge is financed by one loan of the same amount to its first pledgor. Volumes
-- grow from year to year (term starts drawn with a sqrt skew). Around the loans: a disbursement
-- event each, repayments, full repayments at maturity, some defaults; live insurance policies on
-- about 30 % of the loans (and a few cancelled ones); four securitization products a year, each on
-- 50 loans of that year, with three tranches adding up to the pool.
--
-- How the summary tables get filled: pledges through the ledger's own triggers (filed PENDING with
-- their pledgors and assets, then registered by one UPDATE, which fires stats_pledge_updated once
-- per pledge). For loans, whose rows (loan, loan_pledge, events, policy) would each fire a refresh,
-- the stats triggers are switched off for the bulk insert and the function they call,
-- stats_refresh_loan, is called once per loan afterwards: the same code, one call instead of five.
-- (The journal is not written: statistics never read it.)
\set ON_ERROR_STOP 1
select setseed(:seed);

-- ---- parties ---------------------------------------------------------------------------------
create temp table bench_const as
select :pledges::int as pledges, greatest(:pledges / 8, 60)::int as enterprises, 24 as banks,
       make_date(:first_year, 1, 1) as first_day, :years::int as years;

insert into party (kind, name, credit_code, district, industry)
select 'ENTERPRISE', '苏州基准企业' || i, '91' || lpad(i::text, 16, '0'),
       (array['GUSU','HUQIU','WUZHONG','XIANGCHENG','WUJIANG','SUZHOU_INDUSTRIAL_PARK','CHANGSHU',
              'ZHANGJIAGANG','KUNSHAN','TAICANG'])[1 + (i * 7) % 10],
       (array['BIOMEDICINE','NANOTECHNOLOGY','ARTIFICIAL_INTELLIGENCE','ELECTRONIC_INFORMATION',
              'SOFTWARE_AND_IT_SERVICES','HIGH_END_EQUIPMENT','ADVANCED_MATERIALS','NEW_ENERGY',
              'TEXTILES_AND_APPAREL','OTHER'])[1 + (i * 3) % 10]
from bench_const, generate_series(1, enterprises) i;
insert into party (kind, name, credit_code)
select 'BANK', '基准银行' || i || '苏州分行', '92' || lpad(i::text, 16, '0') from bench_const, generate_series(1, banks) i;
insert into party (kind, name, credit_code)
select k, k || ' ' || i, '93' || lpad((n * 100 + i)::text, 16, '0')
from (values ('INSURER', 1), ('ISSUER', 2), ('TRUSTEE', 3)) as x (k, n), generate_series(1, 4) i;

create temp table ent as select id, row_number() over (order by id) as rn from party where kind = 'ENTERPRISE';
create temp table bank as select id, row_number() over (order by id) as rn from party where kind = 'BANK';
create index on ent (rn);
create index on bank (rn);

-- ---- pledges, their pledgors and assets -----------------------------------------------------------
create temp table gp as
select i,
       1 + floor(random() * c.enterprises)::int as ent_rn,
       -- a co-pledgor for 5 % of the pledges
       case when random() < 0.05 then 1 + floor(random() * c.enterprises)::int end as co_rn,
       1 + floor(random() * c.banks)::int as bank_rn,
       (c.first_day + floor(sqrt(random()) * (make_date(:first_year + c.years, 1, 1) - c.first_day))::int) as starts,
       round((100000 + power(random(), 3) * 29900000)::numeric, -4) as amount,
       (array['INVENTION_PATENT','INVENTION_PATENT','UTILITY_MODEL','DESIGN','TRADEMARK','SOFTWARE_COPYRIGHT'])[1 + floor(random() * 6)::int] as kind,
       random() < 0.08 as second_asset
from bench_const c, generate_series(1, c.pledges) i;

insert into ip_asset (kind, registry_number, title, filing_date, grant_date, legal_status)
select kind, 'B' || i, '基准专利' || i, starts - 800, starts - 400, 'VALID' from gp;
insert into ip_asset (kind, registry_number, title, filing_date, grant_date, legal_status)
select 'TRADEMARK', 'B2-' || i, '基准商标' || i, starts - 800, starts - 400, 'VALID' from gp where second_asset;

alter table gp add column pledge_id bigint;
with ins as (
    insert into pledge (ledger_number, pledgee_id, secured_amount, term_starts_on, term_ends_on, status)
    select 'BENCH-' || i, b.id, amount, starts, starts + 730, 'PENDING'
    from gp join bank b on b.rn = gp.bank_rn
    returning id, ledger_number
)
update gp set pledge_id = ins.id from ins where ins.ledger_number = 'BENCH-' || gp.i;

insert into pledge_pledgor (pledge_id, party_id)
select pledge_id, e.id from gp join ent e on e.rn = gp.ent_rn;
insert into pledge_pledgor (pledge_id, party_id)
select pledge_id, e.id from gp join ent e on e.rn = gp.co_rn where gp.co_rn is not null and gp.co_rn <> gp.ent_rn;
insert into pledge_asset (pledge_id, asset_id)
select gp.pledge_id, a.id from gp join ip_asset a on a.kind = gp.kind and a.registry_number = 'B' || gp.i;
insert into pledge_asset (pledge_id, asset_id)
select gp.pledge_id, a.id from gp join ip_asset a on a.kind = 'TRADEMARK' and a.registry_number = 'B2-' || gp.i
where gp.second_asset;

-- Registration: one UPDATE, the stats trigger refreshes each pledge in this transaction.
update pledge set status = 'ACTIVE', registered_on = term_starts_on, office_number = 'OFFICE-' || id
where ledger_number like 'BENCH-%';

-- ---- loans, events, policies (stats triggers off during the insert, one refresh per loan after) ---
alter table loan disable trigger stats_loan_inserted;
alter table loan disable trigger stats_loan_updated;
alter table loan_pledge disable trigger stats_loan_pledge_changed;
alter table loan_event disable trigger stats_loan_event_changed;
alter table insurance_policy disable trigger stats_policy_inserted;

alter table gp add column loan_id bigint;
with ins as (
    insert into loan (lender_id, borrower_id, principal, annual_rate, disbursement_date, maturity_date, purpose,
                      inclusive_small_loan, first_time_pledgor, status)
    select b.id, e.id, gp.amount, 0.0385, gp.starts + 3, gp.starts + 3 + 365 * (1 + gp.i % 3), 'BENCH-' || gp.i,
           gp.amount <= case when gp.starts + 3 < date '2024-01-01' then 10000000 else 20000000 end,
           random() < 0.3, 'ACTIVE'
    from gp join bank b on b.rn = gp.bank_rn join ent e on e.rn = gp.ent_rn
    returning id, purpose
)
update gp set loan_id = ins.id from ins where ins.purpose = 'BENCH-' || gp.i;
insert into loan_pledge (loan_id, pledge_id) select loan_id, pledge_id from gp;

create temp table gl as
select l.id, l.principal, l.disbursement_date as d, l.maturity_date as m, random() as r from loan l
where l.purpose like 'BENCH-%';
insert into loan_event (loan_id, kind, occurred_on, principal_amount, outstanding_after, recorded_by)
select id, 'DISBURSEMENT', d, principal, principal, 'bench' from gl;
insert into loan_event (loan_id, kind, occurred_on, principal_amount, interest_amount, outstanding_after, recorded_by)
select id, 'REPAYMENT', d + 180, round(principal * 0.3, 2), round(principal * 0.019, 2), principal - round(principal * 0.3, 2), 'bench'
from gl where r < 0.6;
insert into loan_event (loan_id, kind, occurred_on, outstanding_after, recorded_by)
select id, 'DEFAULT', d + 300, principal, 'bench' from gl where r >= 0.97;
insert into loan_event (loan_id, kind, occurred_on, principal_amount, outstanding_after, recorded_by)
select id, 'FULL_REPAYMENT', m, principal - round(principal * 0.3, 2), 0, 'bench' from gl where r < 0.6 and m <= current_date;
update loan set status = 'REPAID' from gl where gl.id = loan.id and gl.r < 0.6 and gl.m <= current_date;
update loan set status = 'DEFAULTED' from gl where gl.id = loan.id and gl.r >= 0.97;

insert into insurance_policy (policy_number, insurer_id, loan_id, insurer_share, government_share, premium, starts_on,
                              ends_on, status, cancelled_on, recorded_by)
select 'BENCH-P-' || gl.id, (select min(id) from party where kind = 'INSURER'), gl.id, 0.6, 0.2,
       round(gl.principal * 0.01, 2), gl.d, gl.m,
       case when gl.r between 0.30 and 0.32 then 'CANCELLED' else 'ACTIVE' end,
       case when gl.r between 0.30 and 0.32 then gl.d + 30 end, 'bench'
from gl where gl.r between 0.02 and 0.32;

alter table loan enable trigger stats_loan_inserted;
alter table loan enable trigger stats_loan_updated;
alter table loan_pledge enable trigger stats_loan_pledge_changed;
alter table loan_event enable trigger stats_loan_event_changed;
alter table insurance_policy enable trigger stats_policy_inserted;

select count(*) as loans_refreshed from (select stats_refresh_loan(id) from gl order by id) x;

-- ---- securitization: four products a year on 50 loans of that year each -----------------------------
create temp table sp as
select y, q, (select id from party where kind = 'ISSUER' order by id offset q % 4 limit 1) as issuer_id,
       (select min(id) from party where kind = 'TRUSTEE') as trustee_id,
       make_date(y, 3 * q, 20) as issue_date
from bench_const c, generate_series(:first_year, :first_year + c.years - 1) y, generate_series(1, 4) q;
create temp table spl as
select sp.y, sp.q, x.id as loan_id, x.principal
from sp cross join lateral (
    select gl.id, gl.principal from gl
    where gl.d >= make_date(sp.y, 3 * sp.q - 2, 1) and gl.d < make_date(sp.y, 3 * sp.q, 1)
    order by gl.id limit 50) x;
alter table sp add column product_id bigint;
with ins as (
    insert into sec_product (name, issuer_id, trustee_id, legal_form, issue_date, legal_maturity, payment_frequency,
                             trustee_fee_rate, servicing_fee_rate, principal_mode, default_trigger, original_pool, created_by)
    select '基准知识产权证券化' || y || 'Q' || q, issuer_id, trustee_id, 'ASSET_BACKED_SPECIAL_PLAN', issue_date,
           issue_date + 1095, 'QUARTERLY', 0.001, 0.002, 'SEQUENTIAL', 0.05,
           (select sum(principal) from spl where spl.y = sp.y and spl.q = sp.q), 'bench'
    from sp where exists (select 1 from spl where spl.y = sp.y and spl.q = sp.q)
    returning id, name
)
update sp set product_id = ins.id from ins where ins.name = '基准知识产权证券化' || sp.y || 'Q' || sp.q;
insert into sec_pool_loan (product_id, loan_id, outstanding_at_cutoff)
select sp.product_id, spl.loan_id, spl.principal from spl join sp using (y, q);
insert into sec_tranche (product_id, name, seniority_rank, original_principal, coupon_rate, rating, subordinated, balance)
select p.id, t.name, t.rank, t.amount, t.coupon, t.rating, t.rank = 3, t.amount
from sec_product p
cross join lateral (values ('A', 1, round(p.original_pool * 0.80, 2), 0.032, 'AAA'),
                           ('B', 2, round(p.original_pool * 0.15, 2), 0.045, 'AA'),
                           ('C', 3, p.original_pool - round(p.original_pool * 0.80, 2) - round(p.original_pool * 0.15, 2), 0.0, null))
    as t (name, rank, amount, coupon, rating)
where p.created_by = 'bench';

analyze;
