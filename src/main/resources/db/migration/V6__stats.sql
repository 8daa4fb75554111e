-- Statistics: summary tables kept exact and current by triggers, in the same transaction as the
-- change, so statistics never scan every pledge or loan.
--
-- Two bases, never mixed:
--   registration basis (the IP office's): pledges the office has registered (registered_on set),
--     dated by the month their term starts (term_starts_on, see README "Statistics");
--   lending basis (the banks'): loans dated by their disbursement date; balances and defaults by
--     the dates of their events.
-- Breakdowns (dim): TOTAL (grp ''), DISTRICT and INDUSTRY (of the pledgors / the borrower),
-- BANK (pledgee / lender, grp = its party id), IP_KIND (kind of the pledged assets).
-- A pledge belongs to exactly one group of each breakdown, so its amount counts once and every
-- breakdown adds up to the total: when its pledgors span several districts (industries) its group
-- is MIXED, likewise when its assets are of several kinds; a loan's IP kind is that of the assets
-- of the pledges securing it (MIXED when several, NONE when it has no pledge).
--
-- How it stays exact: each pledge's (loan's) contribution last applied is kept in *_applied
-- tables; any change to a row that feeds it re-derives the contribution from the base tables,
-- subtracts the old one and adds the new one. Distinct enterprises cannot be summed over months
-- or groups, so the member sets are kept (stats_member, one row per month, breakdown, group, set
-- and party, with a reference count) and counted for the months asked.

create table stats_pledge_month (
    month           date          not null,
    dim             text          not null,
    grp             text          not null,
    pledges         bigint        not null default 0,
    pledged_amount  numeric(20,2) not null default 0,
    pledged_assets  bigint        not null default 0,
    primary key (dim, month, grp)
);

create table stats_loan_month (
    month                     date          not null,
    dim                       text          not null,
    grp                       text          not null,
    loans_issued              bigint        not null default 0,
    principal_issued          numeric(20,2) not null default 0,
    inclusive_loans           bigint        not null default 0,
    inclusive_principal       numeric(20,2) not null default 0,
    first_time_loans          bigint        not null default 0,
    defaults                  bigint        not null default 0,
    -- Change of the outstanding principal in the month: the balance at a month's end is the sum
    -- of the changes of every month up to it (a few hundred rows per group, not every loan).
    outstanding_change        numeric(20,2) not null default 0,
    -- Change of the number of loans with a balance, likewise.
    outstanding_loans_change  bigint        not null default 0,
    primary key (dim, month, grp)
);

-- set_name: ENTERPRISE (pledgors, registration basis); BORROWER, INCLUSIVE (borrowers of inclusive
-- small loans), FIRST_TIME (first-time pledgor borrowers) and DEFAULTER (lending basis). Each is
-- also what decides whether a figure built from it must be suppressed for the lab.
create table stats_member (
    set_name  text   not null,
    dim       text   not null,
    month     date   not null,
    grp       text   not null,
    party_id  bigint not null,
    refs      bigint not null check (refs > 0),
    primary key (set_name, dim, month, grp, party_id)
);

create table stats_pledge_applied (
    pledge_id       bigint        not null,
    month           date          not null,
    dim             text          not null,
    grp             text          not null,
    pledged_amount  numeric(18,2) not null,
    pledged_assets  bigint        not null
);
create index stats_pledge_applied_pledge on stats_pledge_applied (pledge_id);

create table stats_loan_applied (
    loan_id                   bigint        not null,
    month                     date          not null,
    dim                       text          not null,
    grp                       text          not null,
    loans_issued              bigint        not null,
    principal_issued          numeric(20,2) not null,
    inclusive_loans           bigint        not null,
    inclusive_principal       numeric(20,2) not null,
    first_time_loans          bigint        not null,
    defaults                  bigint        not null,
    outstanding_change        numeric(20,2) not null,
    outstanding_loans_change  bigint        not null
);
create index stats_loan_applied_loan on stats_loan_applied (loan_id);

create table stats_member_applied (
    entity     char(1) not null check (entity in ('P','L')),
    entity_id  bigint  not null,
    set_name   text    not null,
    dim        text    not null,
    month      date    not null,
    grp        text    not null,
    party_id   bigint  not null
);
create index stats_member_applied_entity on stats_member_applied (entity, entity_id);

-- The one group of a set of values: the value itself, MIXED when several, UNKNOWN when none.
create function stats_one_group(n bigint, v text) returns text language sql immutable as $$
    select case when n = 0 then 'UNKNOWN' when n = 1 then v else 'MIXED' end
$$;

-- A registered pledge's contribution per breakdown; nothing for a pledge not (yet) registered.
create function stats_pledge_contribution(p_id bigint)
returns table (month date, dim text, grp text, pledged_amount numeric, pledged_assets bigint)
language sql stable as $$
    with p as (
        select id, pledgee_id, secured_amount, date_trunc('month', term_starts_on)::date as m
        from pledge where id = p_id and registered_on is not null
    ), k as (
        select (select stats_one_group(count(distinct coalesce(pa.district, 'UNKNOWN')), min(coalesce(pa.district, 'UNKNOWN')))
                from pledge_pledgor pp join party pa on pa.id = pp.party_id where pp.pledge_id = p_id) as district,
               (select stats_one_group(count(distinct coalesce(pa.industry, 'UNKNOWN')), min(coalesce(pa.industry, 'UNKNOWN')))
                from pledge_pledgor pp join party pa on pa.id = pp.party_id where pp.pledge_id = p_id) as industry,
               (select stats_one_group(count(distinct a.kind), min(a.kind))
                from pledge_asset x join ip_asset a on a.id = x.asset_id where x.pledge_id = p_id) as kind,
               (select count(*) from pledge_asset x where x.pledge_id = p_id) as assets
    )
    select p.m, d.dim, d.grp, p.secured_amount, k.assets
    from p cross join k
    cross join lateral (values ('TOTAL', ''), ('DISTRICT', k.district), ('INDUSTRY', k.industry),
                               ('BANK', p.pledgee_id::text), ('IP_KIND', k.kind)) as d (dim, grp)
$$;

create function stats_refresh_members(p_entity char(1), p_id bigint) returns void language plpgsql as $$
begin
    -- Take the old memberships away; a member whose last reference goes leaves the set.
    update stats_member m set refs = m.refs - o.n
    from (select set_name, dim, month, grp, party_id, count(*) as n from stats_member_applied
          where entity = p_entity and entity_id = p_id group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5) o
    where m.set_name = o.set_name and m.dim = o.dim and m.month = o.month and m.grp = o.grp
      and m.party_id = o.party_id and m.refs > o.n;
    delete from stats_member m
    using (select set_name, dim, month, grp, party_id, count(*) as n from stats_member_applied
           where entity = p_entity and entity_id = p_id group by 1, 2, 3, 4, 5) o
    where m.set_name = o.set_name and m.dim = o.dim and m.month = o.month and m.grp = o.grp
      and m.party_id = o.party_id and m.refs = o.n;
    delete from stats_member_applied where entity = p_entity and entity_id = p_id;

    if p_entity = 'P' then
        insert into stats_member_applied (entity, entity_id, set_name, dim, month, grp, party_id)
        select 'P', p_id, 'ENTERPRISE', c.dim, c.month, c.grp, pp.party_id
        from stats_pledge_contribution(p_id) c cross join pledge_pledgor pp where pp.pledge_id = p_id;
    else
        insert into stats_member_applied (entity, entity_id, set_name, dim, month, grp, party_id)
        select 'L', p_id, s.set_name, c.dim, c.month, c.grp, l.borrower_id
        from stats_loan_contribution(p_id) c
        join loan l on l.id = p_id
        cross join lateral (values ('BORROWER', c.loans_issued > 0),
                                   ('INCLUSIVE', c.inclusive_loans > 0),
                                   ('FIRST_TIME', c.first_time_loans > 0),
                                   ('DEFAULTER', c.defaults > 0)) as s (set_name, present)
        where s.present;
    end if;

    insert into stats_member as m (set_name, dim, month, grp, party_id, refs)
    select set_name, dim, month, grp, party_id, count(*) from stats_member_applied
    where entity = p_entity and entity_id = p_id
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
    on conflict (set_name, dim, month, grp, party_id) do update set refs = m.refs + excluded.refs;
end $$;

create function stats_refresh_pledge(p_id bigint) returns void language plpgsql as $$
begin
    if not exists (select 1 from pledge where id = p_id and registered_on is not null)
       and not exists (select 1 from stats_pledge_applied where pledge_id = p_id) then
        return; -- neither counted before nor now: the common case while a pledge is being filed
    end if;
    -- Rows are locked in (dim, month, grp) order so concurrent refreshes cannot deadlock each other.
    insert into stats_pledge_month as s (dim, month, grp, pledges, pledged_amount, pledged_assets)
    select dim, month, grp, -count(*), -sum(pledged_amount), -sum(pledged_assets)
    from stats_pledge_applied where pledge_id = p_id group by 1, 2, 3 order by 1, 2, 3
    on conflict (dim, month, grp) do update set pledges = s.pledges + excluded.pledges,
        pledged_amount = s.pledged_amount + excluded.pledged_amount,
        pledged_assets = s.pledged_assets + excluded.pledged_assets;
    delete from stats_pledge_applied where pledge_id = p_id;

    insert into stats_pledge_applied (pledge_id, month, dim, grp, pledged_amount, pledged_assets)
    select p_id, month, dim, grp, pledged_amount, pledged_assets from stats_pledge_contribution(p_id);
    insert into stats_pledge_month as s (dim, month, grp, pledges, pledged_amount, pledged_assets)
    select dim, month, grp, count(*), sum(pledged_amount), sum(pledged_assets)
    from stats_pledge_applied where pledge_id = p_id group by 1, 2, 3 order by 1, 2, 3
    on conflict (dim, month, grp) do update set pledges = s.pledges + excluded.pledges,
        pledged_amount = s.pledged_amount + excluded.pledged_amount,
        pledged_assets = s.pledged_assets + excluded.pledged_assets;

    perform stats_refresh_members('P', p_id);
end $$;

-- A loan's contribution per breakdown and month: issuance in its disbursement month, balance
-- changes and defaults in the months of its events.
create function stats_loan_contribution(l_id bigint)
returns table (month date, dim text, grp text, loans_issued bigint, principal_issued numeric,
               inclusive_loans bigint, inclusive_principal numeric, first_time_loans bigint, defaults bigint,
               outstanding_change numeric, outstanding_loans_change bigint)
language sql stable as $$
    with l as (
        select l.*, coalesce(b.district, 'UNKNOWN') as district, coalesce(b.industry, 'UNKNOWN') as industry,
               (select case when count(*) = 0 then 'NONE'
                            else stats_one_group(count(distinct a.kind), min(a.kind)) end
                from loan_pledge lp join pledge_asset x on x.pledge_id = lp.pledge_id
                join ip_asset a on a.id = x.asset_id where lp.loan_id = l.id) as kind
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
               0::bigint as defaults, 0::numeric as change, 0::bigint as loans_change
        from l
        union all
        select e.m, 0, 0, 0, 0, 0, (case when e.kind = 'DEFAULT' then 1 else 0 end)::bigint,
               e.change, e.loans_change::bigint
        from e
    ), per_month as (
        select m, sum(issued)::bigint as issued, sum(principal) as principal, sum(incl)::bigint as incl,
               sum(incl_principal) as incl_principal, sum(first_time)::bigint as first_time,
               sum(defaults)::bigint as defaults, sum(change) as change, sum(loans_change)::bigint as loans_change
        from flows group by m
    )
    select pm.m, d.dim, d.grp, pm.issued, pm.principal, pm.incl, pm.incl_principal, pm.first_time,
           pm.defaults, pm.change, pm.loans_change
    from per_month pm cross join l
    cross join lateral (values ('TOTAL', ''), ('DISTRICT', l.district), ('INDUSTRY', l.industry),
                               ('BANK', l.lender_id::text), ('IP_KIND', l.kind)) as d (dim, grp)
$$;

create function stats_refresh_loan(l_id bigint) returns void language plpgsql as $$
begin
    insert into stats_loan_month as s (dim, month, grp, loans_issued, principal_issued, inclusive_loans,
        inclusive_principal, first_time_loans, defaults, outstanding_change, outstanding_loans_change)
    select dim, month, grp, -sum(loans_issued), -sum(principal_issued), -sum(inclusive_loans),
           -sum(inclusive_principal), -sum(first_time_loans), -sum(defaults), -sum(outstanding_change),
           -sum(outstanding_loans_change)
    from stats_loan_applied where loan_id = l_id group by 1, 2, 3 order by 1, 2, 3
    on conflict (dim, month, grp) do update set loans_issued = s.loans_issued + excluded.loans_issued,
        principal_issued = s.principal_issued + excluded.principal_issued,
        inclusive_loans = s.inclusive_loans + excluded.inclusive_loans,
        inclusive_principal = s.inclusive_principal + excluded.inclusive_principal,
        first_time_loans = s.first_time_loans + excluded.first_time_loans,
        defaults = s.defaults + excluded.defaults,
        outstanding_change = s.outstanding_change + excluded.outstanding_change,
        outstanding_loans_change = s.outstanding_loans_change + excluded.outstanding_loans_change;
    delete from stats_loan_applied where loan_id = l_id;

    insert into stats_loan_applied (loan_id, month, dim, grp, loans_issued, principal_issued, inclusive_loans,
        inclusive_principal, first_time_loans, defaults, outstanding_change, outstanding_loans_change)
    select l_id, c.* from stats_loan_contribution(l_id) c;
    insert into stats_loan_month as s (dim, month, grp, loans_issued, principal_issued, inclusive_loans,
        inclusive_principal, first_time_loans, defaults, outstanding_change, outstanding_loans_change)
    select dim, month, grp, sum(loans_issued), sum(principal_issued), sum(inclusive_loans),
           sum(inclusive_principal), sum(first_time_loans), sum(defaults), sum(outstanding_change),
           sum(outstanding_loans_change)
    from stats_loan_applied where loan_id = l_id group by 1, 2, 3 order by 1, 2, 3
    on conflict (dim, month, grp) do update set loans_issued = s.loans_issued + excluded.loans_issued,
        principal_issued = s.principal_issued + excluded.principal_issued,
        inclusive_loans = s.inclusive_loans + excluded.inclusive_loans,
        inclusive_principal = s.inclusive_principal + excluded.inclusive_principal,
        first_time_loans = s.first_time_loans + excluded.first_time_loans,
        defaults = s.defaults + excluded.defaults,
        outstanding_change = s.outstanding_change + excluded.outstanding_change,
        outstanding_loans_change = s.outstanding_loans_change + excluded.outstanding_loans_change;

    perform stats_refresh_members('L', l_id);
end $$;

-- ---- triggers: every row that feeds a contribution refreshes it, in the same transaction ----------

create function stats_pledge_changed() returns trigger language plpgsql as $$
begin
    perform stats_refresh_pledge(new.id);
    return null;
end $$;
create trigger stats_pledge_inserted after insert on pledge
    for each row when (new.registered_on is not null) execute function stats_pledge_changed();
create trigger stats_pledge_updated after update on pledge
    for each row when (old.registered_on is distinct from new.registered_on
                       or old.secured_amount is distinct from new.secured_amount
                       or old.term_starts_on is distinct from new.term_starts_on
                       or old.pledgee_id is distinct from new.pledgee_id)
    execute function stats_pledge_changed();

create function stats_pledge_part_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform stats_refresh_pledge(old.pledge_id);
    else
        perform stats_refresh_pledge(new.pledge_id);
        if tg_op = 'UPDATE' and old.pledge_id <> new.pledge_id then
            perform stats_refresh_pledge(old.pledge_id);
        end if;
    end if;
    return null;
end $$;
create trigger stats_pledge_pledgor_changed after insert or delete or update of pledge_id, party_id on pledge_pledgor
    for each row execute function stats_pledge_part_changed();
create trigger stats_pledge_asset_changed after insert or delete or update of pledge_id, asset_id on pledge_asset
    for each row execute function stats_pledge_part_changed();

create function stats_loan_changed() returns trigger language plpgsql as $$
begin
    perform stats_refresh_loan(new.id);
    return null;
end $$;
create trigger stats_loan_inserted after insert on loan
    for each row execute function stats_loan_changed();
create trigger stats_loan_updated after update on loan
    for each row when (old.principal is distinct from new.principal
                       or old.disbursement_date is distinct from new.disbursement_date
                       or old.inclusive_small_loan is distinct from new.inclusive_small_loan
                       or old.first_time_pledgor is distinct from new.first_time_pledgor
                       or old.borrower_id is distinct from new.borrower_id
                       or old.lender_id is distinct from new.lender_id)
    execute function stats_loan_changed();

create function stats_loan_part_changed() returns trigger language plpgsql as $$
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
create trigger stats_loan_event_changed after insert or delete or update on loan_event
    for each row execute function stats_loan_part_changed();
create trigger stats_loan_pledge_changed after insert or delete or update on loan_pledge
    for each row execute function stats_loan_part_changed();

-- Groups come from the parties' district and industry and the assets' kind: should they change,
-- every pledge and loan they feed is re-derived.
create function stats_party_changed() returns trigger language plpgsql as $$
declare
    x bigint;
begin
    for x in select pledge_id from pledge_pledgor where party_id = new.id order by pledge_id loop
        perform stats_refresh_pledge(x);
    end loop;
    for x in select id from loan where borrower_id = new.id order by id loop
        perform stats_refresh_loan(x);
    end loop;
    return null;
end $$;
create trigger stats_party_updated after update on party
    for each row when (old.district is distinct from new.district or old.industry is distinct from new.industry)
    execute function stats_party_changed();

create function stats_asset_changed() returns trigger language plpgsql as $$
declare
    x bigint;
begin
    for x in select pledge_id from pledge_asset where asset_id = new.id order by pledge_id loop
        perform stats_refresh_pledge(x);
    end loop;
    for x in select distinct lp.loan_id from loan_pledge lp join pledge_asset pa on pa.pledge_id = lp.pledge_id
             where pa.asset_id = new.id order by 1 loop
        perform stats_refresh_loan(x);
    end loop;
    return null;
end $$;
create trigger stats_asset_kind_updated after update on ip_asset
    for each row when (old.kind is distinct from new.kind) execute function stats_asset_changed();

-- ---- what is already in the ledger -----------------------------------------------------------
select stats_refresh_pledge(id) from pledge where registered_on is not null order by id;
select stats_refresh_loan(id) from loan order by id;
