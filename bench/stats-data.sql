-- Generated ledger data for bench/stats.sh: set-based inserts into the base tables of a freshly
-- migrated database. psql variables: pledges (how many), first_year, years, seed.
--
-- Every registered pledge is financed by one loan of the same amount to its first pledgor. Volumes
-- grow from year to year (term starts drawn with a sqrt skew). Around the loans: a disbursement
-- event each, repayments, full repayments at maturity, some defaults; live insurance policies on
-- about 30 % of the loans (and a few cancelled ones); four securitization products a year, each on
-- 50 loans of that year, with three tranches adding up to the pool.
--
-- How the summary tables get filled: the bulk (all but the last :live financed pledges) is loaded
-- with the stats triggers off and summarised in one set-based pass that computes every pledge's and
-- loan's contribution as stats_pledge_contribution / stats_loan_contribution do (calling them once
-- per row took minutes per 100,000), which is what the triggers' per-row refreshes add up to from
-- empty tables; the last :live go through the live triggers row by row, as the service writes them
-- (filed, registered, loan, link, events, policy). bench/stats.sh then checks the summaries'
-- answers against plain GROUP BYs over the base tables, for the bulk and the live rows alike.
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
       random() < 0.08 as second_asset,
       i > c.pledges - :live as live
from bench_const c, generate_series(1, c.pledges) i;

insert into ip_asset (kind, registry_number, title, filing_date, grant_date, legal_status)
select kind, 'B' || i, '基准专利' || i, starts - 800, starts - 400, 'VALID' from gp;
insert into ip_asset (kind, registry_number, title, filing_date, grant_date, legal_status)
select 'TRADEMARK', 'B2-' || i, '基准商标' || i, starts - 800, starts - 400, 'VALID' from gp where second_asset;

alter table gp add column pledge_id bigint;
alter table gp add column loan_id bigint;
create index on gp (i);

-- ---- the bulk: stats triggers off, one set-based summary pass -------------------------------------
select clock_timestamp() as bulk_start \gset
alter table pledge disable trigger stats_pledge_inserted;
alter table pledge disable trigger stats_pledge_updated;
alter table pledge_pledgor disable trigger stats_pledge_pledgor_changed;
alter table pledge_asset disable trigger stats_pledge_asset_changed;
alter table loan disable trigger stats_loan_inserted;
alter table loan disable trigger stats_loan_updated;
alter table loan_pledge disable trigger stats_loan_pledge_changed;
alter table loan_event disable trigger stats_loan_event_changed;
alter table insurance_policy disable trigger stats_policy_inserted;
alter table insurance_policy disable trigger stats_policy_updated;

create temp view batch as select * from gp where not live;
\ir stats-data-rows.sql

-- Each pledge's and loan's contribution, computed set-wise exactly as stats_pledge_contribution and
-- stats_loan_contribution compute one (V6, V9): the same groups (stats_one_group), months and sums.
create temp table pc as
with pd as (
    select pp.pledge_id,
           stats_one_group(count(distinct coalesce(pa.district, 'UNKNOWN')), min(coalesce(pa.district, 'UNKNOWN'))) as district,
           stats_one_group(count(distinct coalesce(pa.industry, 'UNKNOWN')), min(coalesce(pa.industry, 'UNKNOWN'))) as industry
    from pledge_pledgor pp join party pa on pa.id = pp.party_id group by 1),
ak as (
    select x.pledge_id, stats_one_group(count(distinct a.kind), min(a.kind)) as kind, count(*) as assets
    from pledge_asset x join ip_asset a on a.id = x.asset_id group by 1)
select p.id, date_trunc('month', p.term_starts_on)::date as m, p.pledgee_id, p.secured_amount,
       coalesce(pd.district, 'UNKNOWN') as district, coalesce(pd.industry, 'UNKNOWN') as industry,
       coalesce(ak.kind, 'UNKNOWN') as kind, coalesce(ak.assets, 0) as assets
from pledge p left join pd on pd.pledge_id = p.id left join ak on ak.pledge_id = p.id
where p.registered_on is not null;
insert into stats_pledge_applied (pledge_id, month, dim, grp, pledged_amount, pledged_assets)
select pc.id, pc.m, d.dim, d.grp, pc.secured_amount, pc.assets
from pc cross join lateral (values ('TOTAL', ''), ('DISTRICT', pc.district), ('INDUSTRY', pc.industry),
                                   ('BANK', pc.pledgee_id::text), ('IP_KIND', pc.kind)) as d (dim, grp);
insert into stats_pledge_month (dim, month, grp, pledges, pledged_amount, pledged_assets)
select dim, month, grp, count(*), sum(pledged_amount), sum(pledged_assets)
from stats_pledge_applied group by 1, 2, 3 order by 1, 2, 3;

create temp table lc as
with e as (
    select loan_id, date_trunc('month', occurred_on)::date as m, kind,
           outstanding_after - coalesce(lag(outstanding_after) over w, 0) as change,
           case when coalesce(lag(outstanding_after) over w, 0) = 0 and outstanding_after > 0 then 1
                when coalesce(lag(outstanding_after) over w, 0) > 0 and outstanding_after = 0 then -1
                else 0 end as loans_change
    from loan_event window w as (partition by loan_id order by occurred_on, id)),
l as (
    select l.*, exists (select 1 from insurance_policy ip where ip.loan_id = l.id and ip.status = 'ACTIVE') as insured
    from loan l),
flows as (
    select l.id as loan_id, date_trunc('month', l.disbursement_date)::date as m, 1::bigint as issued, l.principal,
           (case when l.inclusive_small_loan then 1 else 0 end)::bigint as incl,
           case when l.inclusive_small_loan then l.principal else 0 end as incl_principal,
           (case when l.first_time_pledgor then 1 else 0 end)::bigint as first_time,
           0::bigint as defaults, 0::numeric as change, 0::bigint as loans_change,
           (case when l.insured then 1 else 0 end)::bigint as insured,
           case when l.insured then l.principal else 0 end as insured_principal
    from l
    union all
    select e.loan_id, e.m, 0, 0, 0, 0, 0, (case when e.kind = 'DEFAULT' then 1 else 0 end)::bigint,
           e.change, e.loans_change::bigint, 0, 0
    from e)
select f.loan_id, f.m, sum(issued)::bigint as issued, sum(principal) as principal, sum(incl)::bigint as incl,
       sum(incl_principal) as incl_principal, sum(first_time)::bigint as first_time, sum(defaults)::bigint as defaults,
       sum(change) as change, sum(loans_change)::bigint as loans_change, sum(insured)::bigint as insured,
       sum(insured_principal) as insured_principal
from flows f group by 1, 2;
insert into stats_loan_applied (loan_id, month, dim, grp, loans_issued, principal_issued, inclusive_loans,
    inclusive_principal, first_time_loans, defaults, outstanding_change, outstanding_loans_change, insured_loans, insured_principal)
select lc.loan_id, lc.m, d.dim, d.grp, lc.issued, lc.principal, lc.incl, lc.incl_principal, lc.first_time, lc.defaults,
       lc.change, lc.loans_change, lc.insured, lc.insured_principal
from lc join loan l on l.id = lc.loan_id join party b on b.id = l.borrower_id
left join (select lp.loan_id, stats_one_group(count(distinct a.kind), min(a.kind)) as kind
           from loan_pledge lp join pledge_asset x on x.pledge_id = lp.pledge_id join ip_asset a on a.id = x.asset_id
           group by 1) k on k.loan_id = lc.loan_id
cross join lateral (values ('TOTAL', ''), ('DISTRICT', coalesce(b.district, 'UNKNOWN')), ('INDUSTRY', coalesce(b.industry, 'UNKNOWN')),
                           ('BANK', l.lender_id::text), ('IP_KIND', coalesce(k.kind, 'NONE'))) as d (dim, grp);
insert into stats_loan_month (dim, month, grp, loans_issued, principal_issued, inclusive_loans, inclusive_principal,
    first_time_loans, defaults, outstanding_change, outstanding_loans_change, insured_loans, insured_principal)
select dim, month, grp, sum(loans_issued), sum(principal_issued), sum(inclusive_loans), sum(inclusive_principal),
       sum(first_time_loans), sum(defaults), sum(outstanding_change), sum(outstanding_loans_change),
       sum(insured_loans), sum(insured_principal)
from stats_loan_applied group by 1, 2, 3 order by 1, 2, 3;
-- Memberships at the month, its quarter ('@Q') and its year ('@Y'), as stats_refresh_members (V9) keeps them.
insert into stats_member_applied (entity, entity_id, set_name, dim, month, grp, party_id)
select m.entity, m.entity_id, m.set_name || x.suffix, m.dim, x.period, m.grp, m.party_id
from (select 'P' as entity, a.pledge_id as entity_id, 'ENTERPRISE' as set_name, a.dim, a.month, a.grp, pp.party_id
      from stats_pledge_applied a join pledge_pledgor pp on pp.pledge_id = a.pledge_id
      union all
      select 'L', a.loan_id, s.set_name, a.dim, a.month, a.grp, l.borrower_id
      from stats_loan_applied a join loan l on l.id = a.loan_id
      cross join lateral (values ('BORROWER', a.loans_issued > 0), ('INCLUSIVE', a.inclusive_loans > 0),
                                 ('FIRST_TIME', a.first_time_loans > 0), ('DEFAULTER', a.defaults > 0),
                                 ('INSURED', a.insured_loans > 0)) as s (set_name, present)
      where s.present) m
cross join lateral (values ('', m.month), ('@Q', date_trunc('quarter', m.month)::date),
                           ('@Y', date_trunc('year', m.month)::date)) as x (suffix, period);
insert into stats_member (set_name, dim, month, grp, party_id, refs)
select set_name, dim, month, grp, party_id, count(*) from stats_member_applied group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5;
insert into stats_member_count (set_name, dim, month, grp, n)
select set_name, dim, month, grp, count(*) from stats_member group by 1, 2, 3, 4;

select round(extract(epoch from clock_timestamp() - :'bulk_start'::timestamptz)) as bulk_s \gset
\echo BULK_S :bulk_s
alter table pledge enable trigger stats_pledge_inserted;
alter table pledge enable trigger stats_pledge_updated;
alter table pledge_pledgor enable trigger stats_pledge_pledgor_changed;
alter table pledge_asset enable trigger stats_pledge_asset_changed;
alter table loan enable trigger stats_loan_inserted;
alter table loan enable trigger stats_loan_updated;
alter table loan_pledge enable trigger stats_loan_pledge_changed;
alter table loan_event enable trigger stats_loan_event_changed;
alter table insurance_policy enable trigger stats_policy_inserted;
alter table insurance_policy enable trigger stats_policy_updated;
analyze;

-- ---- the last :live financed pledges through the live triggers ------------------------------------
drop view batch;
create temp view batch as select * from gp where live;
select clock_timestamp() as live_start \gset
\ir stats-data-rows.sql
select round(extract(epoch from clock_timestamp() - :'live_start'::timestamptz) * 1000) as live_ms \gset
\echo LIVE_MS :live_ms

-- ---- securitization: four products a year on 50 loans of that year each -----------------------------
drop table if exists gl;
create temp table gl as
select l.id, l.principal, l.disbursement_date as d from loan l where l.purpose like 'BENCH-%';
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
