-- Statistics, continued (issue 5): insurance cover kept in the lending summary like every other
-- lending figure (same transaction, same applied-contribution bookkeeping as V6), and an index for
-- securitization issuance.
--
-- Insurance cover: a loan counts as insured when it has a live (ACTIVE) policy; its principal then
-- counts in insured_principal of its disbursement month, beside principal_issued, so the share
-- insured of any period and group is insured_principal / principal_issued, both exact sums. A policy
-- recorded or cancelled later moves the loan in or out of its month, in that transaction.
-- Borrowers of insured loans form the INSURED member set (disclosure control counts them).

alter table stats_loan_month
    add column insured_loans      bigint        not null default 0,
    add column insured_principal  numeric(20,2) not null default 0;
alter table stats_loan_applied
    add column insured_loans      bigint        not null default 0,
    add column insured_principal  numeric(20,2) not null default 0;

-- The return type changes, so the function is replaced, not altered (the plpgsql callers bind late).
drop function stats_loan_contribution(bigint);
create function stats_loan_contribution(l_id bigint)
returns table (month date, dim text, grp text, loans_issued bigint, principal_issued numeric,
               inclusive_loans bigint, inclusive_principal numeric, first_time_loans bigint, defaults bigint,
               outstanding_change numeric, outstanding_loans_change bigint,
               insured_loans bigint, insured_principal numeric)
language sql stable as $$
    with l as (
        select l.*, coalesce(b.district, 'UNKNOWN') as district, coalesce(b.industry, 'UNKNOWN') as industry,
               (select case when count(*) = 0 then 'NONE'
                            else stats_one_group(count(distinct a.kind), min(a.kind)) end
                from loan_pledge lp join pledge_asset x on x.pledge_id = lp.pledge_id
                join ip_asset a on a.id = x.asset_id where lp.loan_id = l.id) as kind,
               exists (select 1 from insurance_policy ip where ip.loan_id = l.id and ip.status = 'ACTIVE') as insured
        from loan l join party b on b.id = l.borrower_id where l.id = l_id
    ), e as (
        select date_trunc('month', occurred_on)::date as m, kind,
               outstanding_after - coalesce(lag(outstanding_after) over w, 0) as change,
               case when coalesce(lag(outstanding_after) over w, 0) = 0 and outstanding_after > 0 then 1
                    when coalesce(lag(outstanding_after) over w, 0) > 0 and outstanding_after = 0 then -1
                    else 0 end as loans_change
        from loan_event where loan_id = l_id
        window w as (order by occurred_on, id)
    ), flows as (
        select date_trunc('month', l.disbursement_date)::date as m, 1::bigint as issued, l.principal,
               (case when l.inclusive_small_loan then 1 else 0 end)::bigint as incl,
               case when l.inclusive_small_loan then l.principal else 0 end as incl_principal,
               (case when l.first_time_pledgor then 1 else 0 end)::bigint as first_time,
               0::bigint as defaults, 0::numeric as change, 0::bigint as loans_change,
               (case when l.insured then 1 else 0 end)::bigint as insured,
               case when l.insured then l.principal else 0 end as insured_principal
        from l
        union all
        select e.m, 0, 0, 0, 0, 0, (case when e.kind = 'DEFAULT' then 1 else 0 end)::bigint,
               e.change, e.loans_change::bigint, 0, 0
        from e
    ), per_month as (
        select m, sum(issued)::bigint as issued, sum(principal) as principal, sum(incl)::bigint as incl,
               sum(incl_principal) as incl_principal, sum(first_time)::bigint as first_time,
               sum(defaults)::bigint as defaults, sum(change) as change, sum(loans_change)::bigint as loans_change,
               sum(insured)::bigint as insured, sum(insured_principal) as insured_principal
        from flows group by m
    )
    select pm.m, d.dim, d.grp, pm.issued, pm.principal, pm.incl, pm.incl_principal, pm.first_time,
           pm.defaults, pm.change, pm.loans_change, pm.insured, pm.insured_principal
    from per_month pm cross join l
    cross join lateral (values ('TOTAL', ''), ('DISTRICT', l.district), ('INDUSTRY', l.industry),
                               ('BANK', l.lender_id::text), ('IP_KIND', l.kind)) as d (dim, grp)
$$;

create or replace function stats_refresh_loan(l_id bigint) returns void language plpgsql as $$
begin
    insert into stats_loan_month as s (dim, month, grp, loans_issued, principal_issued, inclusive_loans,
        inclusive_principal, first_time_loans, defaults, outstanding_change, outstanding_loans_change,
        insured_loans, insured_principal)
    select dim, month, grp, -sum(loans_issued), -sum(principal_issued), -sum(inclusive_loans),
           -sum(inclusive_principal), -sum(first_time_loans), -sum(defaults), -sum(outstanding_change),
           -sum(outstanding_loans_change), -sum(insured_loans), -sum(insured_principal)
    from stats_loan_applied where loan_id = l_id group by 1, 2, 3 order by 1, 2, 3
    on conflict (dim, month, grp) do update set loans_issued = s.loans_issued + excluded.loans_issued,
        principal_issued = s.principal_issued + excluded.principal_issued,
        inclusive_loans = s.inclusive_loans + excluded.inclusive_loans,
        inclusive_principal = s.inclusive_principal + excluded.inclusive_principal,
        first_time_loans = s.first_time_loans + excluded.first_time_loans,
        defaults = s.defaults + excluded.defaults,
        outstanding_change = s.outstanding_change + excluded.outstanding_change,
        outstanding_loans_change = s.outstanding_loans_change + excluded.outstanding_loans_change,
        insured_loans = s.insured_loans + excluded.insured_loans,
        insured_principal = s.insured_principal + excluded.insured_principal;
    delete from stats_loan_applied where loan_id = l_id;

    insert into stats_loan_applied (loan_id, month, dim, grp, loans_issued, principal_issued, inclusive_loans,
        inclusive_principal, first_time_loans, defaults, outstanding_change, outstanding_loans_change,
        insured_loans, insured_principal)
    select l_id, c.* from stats_loan_contribution(l_id) c;
    insert into stats_loan_month as s (dim, month, grp, loans_issued, principal_issued, inclusive_loans,
        inclusive_principal, first_time_loans, defaults, outstanding_change, outstanding_loans_change,
        insured_loans, insured_principal)
    select dim, month, grp, sum(loans_issued), sum(principal_issued), sum(inclusive_loans),
           sum(inclusive_principal), sum(first_time_loans), sum(defaults), sum(outstanding_change),
           sum(outstanding_loans_change), sum(insured_loans), sum(insured_principal)
    from stats_loan_applied where loan_id = l_id group by 1, 2, 3 order by 1, 2, 3
    on conflict (dim, month, grp) do update set loans_issued = s.loans_issued + excluded.loans_issued,
        principal_issued = s.principal_issued + excluded.principal_issued,
        inclusive_loans = s.inclusive_loans + excluded.inclusive_loans,
        inclusive_principal = s.inclusive_principal + excluded.inclusive_principal,
        first_time_loans = s.first_time_loans + excluded.first_time_loans,
        defaults = s.defaults + excluded.defaults,
        outstanding_change = s.outstanding_change + excluded.outstanding_change,
        outstanding_loans_change = s.outstanding_loans_change + excluded.outstanding_loans_change,
        insured_loans = s.insured_loans + excluded.insured_loans,
        insured_principal = s.insured_principal + excluded.insured_principal;

    perform stats_refresh_members('L', l_id);
end $$;

-- Distinct members per whole quarter and year, and their counts. Counting distinct enterprises over a
-- quarter or a year from the month rows scans about as many rows as there are loans; so each
-- membership is also kept at its quarter and its year (set names suffixed '@Q' and '@Y', month = the
-- period's first day, refs = the references within it), and stats_member_count holds, per set (with
-- its suffix), breakdown, period and group, how many members there are, updated when a member row
-- appears or goes, in the same transaction. Whole months, quarters and years read the counts.
create table stats_member_count (
    set_name  text   not null,
    dim       text   not null,
    month     date   not null,
    grp       text   not null,
    n         bigint not null, -- a delta may be inserted: ON CONFLICT checks the proposed row first
    primary key (set_name, dim, month, grp)
);

-- As in V6, with the INSURED set (borrowers of insured loans), the quarter and year levels, and the counts.
create or replace function stats_refresh_members(p_entity char(1), p_id bigint) returns void language plpgsql as $$
begin
    update stats_member m set refs = m.refs - o.n
    from (select set_name, dim, month, grp, party_id, count(*) as n from stats_member_applied
          where entity = p_entity and entity_id = p_id group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5) o
    where m.set_name = o.set_name and m.dim = o.dim and m.month = o.month and m.grp = o.grp
      and m.party_id = o.party_id and m.refs > o.n;
    -- Members whose last reference goes leave the set, and its count.
    with gone as (
        delete from stats_member m
        using (select set_name, dim, month, grp, party_id, count(*) as n from stats_member_applied
               where entity = p_entity and entity_id = p_id group by 1, 2, 3, 4, 5) o
        where m.set_name = o.set_name and m.dim = o.dim and m.month = o.month and m.grp = o.grp
          and m.party_id = o.party_id and m.refs = o.n
        returning m.set_name, m.dim, m.month, m.grp)
    insert into stats_member_count as c (set_name, dim, month, grp, n)
    select set_name, dim, month, grp, -count(*) from gone group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (set_name, dim, month, grp) do update set n = c.n + excluded.n;
    delete from stats_member_applied where entity = p_entity and entity_id = p_id;

    if p_entity = 'P' then
        insert into stats_member_applied (entity, entity_id, set_name, dim, month, grp, party_id)
        select 'P', p_id, 'ENTERPRISE' || x.suffix, c.dim, x.period, c.grp, pp.party_id
        from stats_pledge_contribution(p_id) c cross join pledge_pledgor pp
        cross join lateral (values ('', c.month), ('@Q', date_trunc('quarter', c.month)::date),
                                   ('@Y', date_trunc('year', c.month)::date)) as x (suffix, period)
        where pp.pledge_id = p_id;
    else
        insert into stats_member_applied (entity, entity_id, set_name, dim, month, grp, party_id)
        select 'L', p_id, s.set_name || x.suffix, c.dim, x.period, c.grp, l.borrower_id
        from stats_loan_contribution(p_id) c
        join loan l on l.id = p_id
        cross join lateral (values ('BORROWER', c.loans_issued > 0),
                                   ('INCLUSIVE', c.inclusive_loans > 0),
                                   ('FIRST_TIME', c.first_time_loans > 0),
                                   ('DEFAULTER', c.defaults > 0),
                                   ('INSURED', c.insured_loans > 0)) as s (set_name, present)
        cross join lateral (values ('', c.month), ('@Q', date_trunc('quarter', c.month)::date),
                                   ('@Y', date_trunc('year', c.month)::date)) as x (suffix, period)
        where s.present;
    end if;

    -- New members join the set and its count (xmax = 0: the row was inserted, not updated).
    with added as (
        insert into stats_member as m (set_name, dim, month, grp, party_id, refs)
        select set_name, dim, month, grp, party_id, count(*) from stats_member_applied
        where entity = p_entity and entity_id = p_id
        group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
        on conflict (set_name, dim, month, grp, party_id) do update set refs = m.refs + excluded.refs
        returning m.set_name, m.dim, m.month, m.grp, m.xmax = 0 as fresh)
    insert into stats_member_count as c (set_name, dim, month, grp, n)
    select set_name, dim, month, grp, count(*) from added where fresh group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (set_name, dim, month, grp) do update set n = c.n + excluded.n;
end $$;

-- What V6 recorded gains its quarter and year levels, and the counts.
insert into stats_member_applied (entity, entity_id, set_name, dim, month, grp, party_id)
select a.entity, a.entity_id, a.set_name || x.suffix, a.dim, x.period, a.grp, a.party_id
from stats_member_applied a
cross join lateral (values ('@Q', date_trunc('quarter', a.month)::date), ('@Y', date_trunc('year', a.month)::date))
    as x (suffix, period);
insert into stats_member (set_name, dim, month, grp, party_id, refs)
select set_name, dim, month, grp, party_id, count(*) from stats_member_applied
where set_name like '%@%' group by 1, 2, 3, 4, 5;
insert into stats_member_count (set_name, dim, month, grp, n)
select set_name, dim, month, grp, count(*) from stats_member group by 1, 2, 3, 4;

-- A policy recorded, cancelled or moved re-derives its loan(s), in the same transaction.
create function stats_policy_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform stats_refresh_loan(old.loan_id);
    else
        perform stats_refresh_loan(new.loan_id);
        if tg_op = 'UPDATE' and old.loan_id <> new.loan_id then
            perform stats_refresh_loan(old.loan_id);
        end if;
    end if;
    return null;
end $$;
create trigger stats_policy_inserted after insert or delete on insurance_policy
    for each row execute function stats_policy_changed();
create trigger stats_policy_updated after update on insurance_policy
    for each row when (old.status is distinct from new.status or old.loan_id is distinct from new.loan_id)
    execute function stats_policy_changed();

-- Securitization issuance is read straight from the products issued in the range (a few per month,
-- not every loan): products by issue date, their tranches' original principal, their pools.
create index sec_product_issue_date on sec_product (issue_date, id);

-- ---- what is already in the ledger: loans with a policy gain their insured figures -------------
select stats_refresh_loan(loan_id) from (select distinct loan_id from insurance_policy order by 1) x;
