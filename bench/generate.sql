-- ipledger data generator (issue 7): fills an empty, migrated database with a seeded, reproducible
-- data set. Run by bench/generate (psql) and by GeneratorTest (JDBC), so it is plain SQL: no psql
-- meta-commands, parameters from session settings:
--
--   ipledger.gen_assets   number of IP assets (default 2000)
--   ipledger.gen_seed     seed (default 7); the same seed and size give the same rows, ids included
--   ipledger.gen_today    the data set's "today" (default 2026-11-01); nothing is dated after it
--
-- Everything is set-based (generate_series, window functions, one INSERT per table) and every
-- random choice is a hash of (seed, row, purpose) with hashint8extended, so the result does not
-- depend on plan, parallelism or session. Triggers are off while loading (session_replication_role
-- = replica: the journal queue, the statistics and the foreign-key checks); afterwards the
-- statistics are rebuilt with the migration's own functions and the Merkle tree of the journal is
-- built here, leaf for leaf as the service's sequencer would (LeafInput, RFC 9162 hashes).

set client_min_messages = warning;
set synchronous_commit = off;
set work_mem = '256MB';
set maintenance_work_mem = '512MB';
set session_replication_role = replica;

-- ---- parameters and helpers (session-local: pg_temp) -----------------------------------------

create temp table gen_param as
select coalesce(nullif(current_setting('ipledger.gen_assets', true), ''), '2000')::bigint as assets,
       coalesce(nullif(current_setting('ipledger.gen_seed', true), ''), '7')::bigint as seed,
       coalesce(nullif(current_setting('ipledger.gen_today', true), ''), '2026-11-01')::date as today,
       date '2019-01-01' as ledger_start,
       20 as banks;
-- Enterprises: one per 20 assets on average (a skewed few hold many).
create temp table gen_dims as
select greatest(30, assets / 20) as enterprises from gen_param;

do $$
begin
    if exists (select 1 from ip_asset) or exists (select 1 from party) or exists (select 1 from journal) then
        raise exception 'the generator fills an empty database; this one already has parties, assets or journal entries';
    end if;
    if (select assets from gen_param) not between 100 and 20000000 then
        raise exception 'ipledger.gen_assets must be 100 to 20000000';
    end if;
end $$;

-- A uniform number in [0, 1) for (row n, purpose k) under the seed. The seed is written into the body
-- as a literal: a function without sub-selects is inlined, which matters at millions of calls.
do $$
begin
    execute format('create function pg_temp.u(n bigint, k int) returns double precision language sql immutable parallel safe as %L',
        format('select ((hashint8extended(n, %s::bigint * 1000 + k) & 2147483647)::double precision) / 2147483648.0',
               (select seed from gen_param)));
end $$;

-- GB 32100 check character over the first 17 characters.
create function pg_temp.credit_check(c text) returns text language sql immutable as $$
    select substr('0123456789ABCDEFGHJKLMNPQRTUWXY', (1 + (31 - s % 31) % 31)::int, 1)
    from (select sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(c, k, 1)) - 1)
                     * (array[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28])[k]) as s
          from generate_series(1, 17) k) x
$$;

-- Chinese patent application number check character over 12 digits (weights 2..9,2..5, mod 11, 10 = X).
create function pg_temp.patent_check(d text) returns text language sql immutable parallel safe as $$
    select replace(((substr(d, 1, 1)::int * 2 + substr(d, 2, 1)::int * 3 + substr(d, 3, 1)::int * 4 + substr(d, 4, 1)::int * 5
       + substr(d, 5, 1)::int * 6 + substr(d, 6, 1)::int * 7 + substr(d, 7, 1)::int * 8 + substr(d, 8, 1)::int * 9
       + substr(d, 9, 1)::int * 2 + substr(d, 10, 1)::int * 3 + substr(d, 11, 1)::int * 4 + substr(d, 12, 1)::int * 5) % 11)::text, '10', 'X')
$$;

-- A whole-second instant on a day (the journal's instants are whole seconds, so a leaf's text is simple).
create function pg_temp.at(d date, frac double precision) returns timestamptz language sql immutable parallel safe as $$
    select (d::timestamp + make_interval(secs => floor(frac * 86399)::int)) at time zone 'UTC'
$$;

create function pg_temp.iso(t timestamptz) returns text language sql immutable parallel safe as $$
    select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;

-- ---- reference data ------------------------------------------------------------------------------

-- Suzhou's districts with their administrative division codes (as credit codes carry them) and
-- their share of the city's enterprises (cumulative upper bound of a uniform draw).
create temp table gen_district (district text, division text, place text, upto double precision);
insert into gen_district values
    ('SUZHOU_INDUSTRIAL_PARK', '320594', '苏州工业园区', 0.20),
    ('KUNSHAN',                '320583', '昆山',         0.35),
    ('HUQIU',                  '320505', '苏州高新区',   0.47),
    ('WUZHONG',                '320506', '苏州吴中',     0.57),
    ('WUJIANG',                '320509', '苏州吴江',     0.67),
    ('XIANGCHENG',             '320507', '苏州相城',     0.75),
    ('CHANGSHU',               '320581', '常熟',         0.83),
    ('ZHANGJIAGANG',           '320582', '张家港',       0.90),
    ('TAICANG',                '320585', '太仓',         0.95),
    ('GUSU',                   '320508', '苏州姑苏',     1.01);

create temp table gen_industry (industry text, word text, thing text, upto double precision);
insert into gen_industry values
    ('ELECTRONIC_INFORMATION',   '电子',     '半导体封装结构',       0.18),
    ('HIGH_END_EQUIPMENT',       '精密机械', '数控加工装置',         0.34),
    ('BIOMEDICINE',              '生物医药', '抗体药物组合物',       0.46),
    ('ADVANCED_MATERIALS',       '新材料',   '复合膜材料',           0.57),
    ('NANOTECHNOLOGY',           '纳米科技', '纳米涂层',             0.64),
    ('ARTIFICIAL_INTELLIGENCE',  '智能科技', '图像识别方法',         0.72),
    ('SOFTWARE_AND_IT_SERVICES', '软件',     '数据处理系统',         0.81),
    ('NEW_ENERGY',               '新能源',   '光伏组件',             0.89),
    ('TEXTILES_AND_APPAREL',     '纺织',     '功能性面料',           0.95),
    ('OTHER',                    '实业',     '包装容器',             1.01);

create temp table gen_syllable (n int, s text);
insert into gen_syllable select n - 1, s from unnest(array['华','瑞','恒','博','德','科','创','天','新','宏',
    '达','盛','信','嘉','通','海','明','金','联','晶','泰','源','澜','昊','禾','驰','卓','跃','启','同']) with ordinality as t(s, n);

create temp table gen_bank (n int, name text);
insert into gen_bank select n, name from unnest(array[
    '中国工商银行苏州分行', '中国农业银行苏州分行', '中国银行苏州分行', '中国建设银行苏州分行', '交通银行苏州分行',
    '招商银行苏州分行', '江苏银行苏州分行', '苏州银行', '苏州农村商业银行', '昆山农村商业银行',
    '常熟农村商业银行', '张家港农村商业银行', '中信银行苏州分行', '上海浦东发展银行苏州分行', '兴业银行苏州分行',
    '宁波银行苏州分行', '南京银行苏州分行', '华夏银行苏州分行', '中国民生银行苏州分行', '中国光大银行苏州分行'])
    with ordinality as t(name, n);

-- ---- parties: banks 1..20, then enterprises ---------------------------------------------------------

create temp table gen_party as
select b.n::bigint as id, 'BANK' as kind, b.name, substr(b.name, 1, 2) as root,
       '91320500' || 'B' || lpad(b.n::text, 8, '0') as code17,
       null::text as district, null::text as industry,
       p.ledger_start - 30 as created_on
from gen_bank b cross join gen_param p;

insert into gen_party
select p.banks + e as id, 'ENTERPRISE',
       d.place || s1.s || s2.s || i.word || case when pg_temp.u(e, 4) < 0.5 then '科技有限公司' else '股份有限公司' end,
       s1.s || s2.s,
       '91' || d.division || 'MA' || lpad(e::text, 7, '0'),
       d.district, i.industry,
       -- registered with the ledger when it opened, or later as new firms come
       p.ledger_start - 30 + floor(pg_temp.u(e, 5) ^ 3 * (p.today - p.ledger_start))::int
from gen_param p cross join gen_dims g
cross join generate_series(1, g.enterprises) e
join gen_district d on d.upto = (select min(upto) from gen_district where upto > pg_temp.u(e, 1))
join gen_industry i on i.upto = (select min(upto) from gen_industry where upto > pg_temp.u(e, 2))
join gen_syllable s1 on s1.n = floor(pg_temp.u(e, 3) * 30)::int
join gen_syllable s2 on s2.n = floor(pg_temp.u(e, 6) * 30)::int;

insert into party (id, kind, name, credit_code, district, industry, created_at)
select id, kind, name, code17 || pg_temp.credit_check(code17), district, industry, pg_temp.at(created_on, pg_temp.u(id, 7))
from gen_party order by id;
alter table gen_party add primary key (id);
analyze gen_party;

-- ---- assets ------------------------------------------------------------------------------------------

-- Kind shares; filing dates skewed to recent years; holders skewed to a few large firms.
create temp table gen_asset as
with base as (
    select a as id, pp.today, pp.ledger_start, pp.banks, g.enterprises,
           pg_temp.u(a, 10) as uk,
           date '2005-01-01' + floor(sqrt(pg_temp.u(a, 11)) * ((pp.today - 40) - date '2005-01-01'))::int as filing_date,
           pp.banks + 1 + floor(pg_temp.u(a, 12) ^ 2 * g.enterprises)::bigint as h1,
           case when pg_temp.u(a, 13) < 0.08 then pp.banks + 1 + floor(pg_temp.u(a, 14) * g.enterprises)::bigint end as h2,
           pg_temp.u(a, 15) as ug, pg_temp.u(a, 16) as ut
    from gen_param pp cross join gen_dims g cross join generate_series(1, pp.assets) a
), kinded as (
    select b.*,
           case when uk < 0.30 then 'INVENTION_PATENT' when uk < 0.58 then 'UTILITY_MODEL' when uk < 0.68 then 'DESIGN'
                when uk < 0.84 then 'TRADEMARK' when uk < 0.89 then 'COPYRIGHT' else 'SOFTWARE_COPYRIGHT' end as kind
    from base b
), granted as (
    select k.*,
           -- examination: inventions 2-3 years, utility models and designs months, trademarks about a year
           case kind when 'INVENTION_PATENT' then filing_date + 600 + floor(ug * 500)::int
                     when 'UTILITY_MODEL' then filing_date + 150 + floor(ug * 200)::int
                     when 'DESIGN' then filing_date + 120 + floor(ug * 150)::int
                     when 'TRADEMARK' then filing_date + 270 + floor(ug * 200)::int
                     else null end as grant_due,
           -- a fifth of inventions are refused or withdrawn: they never reach the ledger granted; keep them pending
           (kind = 'INVENTION_PATENT' and ug > 0.8) as never_granted
    from kinded k
)
select id, kind, filing_date,
       case when grant_due is not null and grant_due <= today - 1 and not never_granted then grant_due end as grant_date,
       h1, case when h2 is distinct from h1 then h2 end as h2, ut, today, ledger_start
from granted;

alter table gen_asset add column registry_number text, add column title text, add column expires_on date,
    add column legal_status text, add column registered_at timestamptz;
update gen_asset a set
    registry_number = case
        when a.kind in ('INVENTION_PATENT', 'UTILITY_MODEL', 'DESIGN') then
            d12 || '.' || pg_temp.patent_check(d12)
        when a.kind = 'TRADEMARK' then (10000000 + (a.id * 7919) % 89999999)::text
        when a.kind = 'SOFTWARE_COPYRIGHT' then extract(year from a.filing_date)::int || 'SR' || lpad(((a.id * 7919) % 10000000)::text, 7, '0')
        else '国作登字-' || extract(year from a.filing_date)::int || '-' || substr('ABFGIJKL', 1 + (a.id % 8)::int, 1) || '-'
             || lpad(((a.id * 7919) % 100000000)::text, 8, '0') end,
    title = case a.kind
        when 'INVENTION_PATENT' then '一种' || i.thing || '及其制备方法'
        when 'UTILITY_MODEL' then '一种' || i.thing || '的改进结构'
        when 'DESIGN' then i.thing || '（外观）'
        when 'TRADEMARK' then p.root || '（第' || (1 + a.id % 45) || '类）'
        when 'SOFTWARE_COPYRIGHT' then p.root || i.thing || '管理软件V' || (1 + a.id % 5) || '.0'
        else p.root || '产品说明书插图' end,
    expires_on = case a.kind
        when 'INVENTION_PATENT' then (a.filing_date + interval '20 years')::date - 1
        when 'UTILITY_MODEL' then (a.filing_date + interval '10 years')::date - 1
        when 'DESIGN' then (a.filing_date + case when a.filing_date < date '2021-06-01' then interval '10 years' else interval '15 years' end)::date - 1
        when 'TRADEMARK' then (a.grant_date + interval '10 years')::date - 1
        else make_date(extract(year from a.filing_date)::int + 50, 12, 31) end,
    legal_status = case when a.grant_date is not null or a.kind in ('COPYRIGHT', 'SOFTWARE_COPYRIGHT') then 'VALID' else 'PENDING_GRANT' end,
    -- Into the ledger: the backlog when it opened, later ones a few weeks after filing.
    registered_at = pg_temp.at(greatest(a.ledger_start, a.filing_date + 20 + floor(a.ut * 15)::int), a.ut)
from (select id as aid,
             lpad(extract(year from filing_date)::int::text, 4, '0')
             || case kind when 'INVENTION_PATENT' then '1' when 'UTILITY_MODEL' then '2' else '3' end
             || lpad(((id * 7919) % 10000000)::text, 7, '0') as d12
      from gen_asset) n,
     gen_party p, gen_industry i
where n.aid = a.id and p.id = a.h1 and i.industry = coalesce(p.industry, 'OTHER');
alter table gen_asset add primary key (id);
analyze gen_asset;

-- ---- legal events and encumbrances --------------------------------------------------------------------

-- Per asset at most one story: a lapse for unpaid fees, invalidation (upheld, rejected or still open),
-- a court freeze, or a trademark renewal.
create temp table gen_legal as
with s as (
    select a.*, pg_temp.u(a.id, 20) as ue, pg_temp.u(a.id, 21) as ud
    from gen_asset a
), story as (
    select s.*,
           case when grant_date is null and kind not in ('COPYRIGHT', 'SOFTWARE_COPYRIGHT') then null
                when kind in ('INVENTION_PATENT', 'UTILITY_MODEL', 'DESIGN') and ue < 0.12 then 'LAPSE'
                when kind in ('INVENTION_PATENT', 'UTILITY_MODEL', 'DESIGN') and ue < 0.125 then 'INVALIDATE'
                when kind in ('INVENTION_PATENT', 'UTILITY_MODEL', 'DESIGN', 'TRADEMARK') and ue >= 0.125 and ue < 0.135 then 'CHALLENGE'
                when ue >= 0.135 and ue < 0.14 then 'FREEZE'
                when kind = 'TRADEMARK' and expires_on < today + 50 and ue < 0.9 then 'RENEW'
           end as story,
           coalesce(grant_date, filing_date) as from_date
    from s
)
select id, story, from_date,
       from_date + 1 + floor(ud * greatest(1, least(expires_on, today - 1) - from_date - 1))::int as first_on,
       expires_on, today
from story where story is not null;
-- A challenge decided (upheld or rejected) about 200 days after the request, if that has come.
alter table gen_legal add column decided_on date;
update gen_legal set decided_on = first_on + 200 where story in ('INVALIDATE', 'CHALLENGE') and first_on + 200 <= today - 1;
update gen_legal set story = 'CHALLENGE' where story = 'INVALIDATE' and decided_on is null;
update gen_legal set first_on = expires_on - 60 where story = 'RENEW';
alter table gen_legal add primary key (id);
analyze gen_legal;

create temp table gen_event as
select row_number() over (order by occurred_on, asset_id, step) as id, *
from (
    select l.id as asset_id, 1 as step,
           case l.story when 'LAPSE' then 'FEE_UNPAID' when 'FREEZE' then 'COURT_FREEZE' when 'RENEW' then 'RENEWED'
                        else 'INVALIDATION_REQUESTED' end as kind,
           l.first_on as occurred_on,
           case l.story when 'FREEZE' then '(' || extract(year from l.first_on)::int || ')苏05执保' || (100 + l.id % 900) || '号'
                        when 'LAPSE' then null else 'WX' || lpad((l.id % 1000000)::text, 6, '0') end as reference,
           case l.story when 'LAPSE' then 'LAPSED' when 'RENEW' then 'VALID' else 'VALID' end as status_after
    from gen_legal l
    union all
    select l.id, 2, case l.story when 'INVALIDATE' then 'INVALIDATED' else 'INVALIDATION_REJECTED' end,
           l.decided_on, 'WX' || lpad((l.id % 1000000)::text, 6, '0'),
           case l.story when 'INVALIDATE' then 'INVALIDATED' else 'VALID' end
    from gen_legal l where l.decided_on is not null
) e;
alter table gen_event add primary key (id);
analyze gen_event;

update gen_asset a set legal_status = 'LAPSED' from gen_legal l where l.id = a.id and l.story = 'LAPSE';
update gen_asset a set legal_status = 'INVALIDATED' from gen_legal l where l.id = a.id and l.story = 'INVALIDATE';
update gen_asset a set expires_on = (a.expires_on + interval '10 years')::date from gen_legal l where l.id = a.id and l.story = 'RENEW';

insert into ip_asset (id, kind, registry_number, title, filing_date, grant_date, expires_on, legal_status, mark_group,
                      created_at, updated_at, version)
select a.id, a.kind, a.registry_number, a.title, a.filing_date, a.grant_date, a.expires_on, a.legal_status, null,
       a.registered_at, coalesce(pg_temp.at(x.last_on + 1, a.ut), a.registered_at), coalesce(x.n, 0)
from gen_asset a
left join (select asset_id, max(occurred_on) as last_on, count(*)::int as n from gen_event group by asset_id) x on x.asset_id = a.id
order by a.id;

insert into asset_holder (asset_id, party_id)
select id, h1 from gen_asset union all select id, h2 from gen_asset where h2 is not null;

insert into legal_event (id, asset_id, kind, occurred_on, reference, note, recorded_at, recorded_by)
select e.id, e.asset_id, e.kind, e.occurred_on, e.reference, null,
       greatest(pg_temp.at(e.occurred_on + 1, pg_temp.u(e.id, 22)), a.registered_at + interval '1 hour'), 'bench-registrar'
from gen_event e join gen_asset a on a.id = e.asset_id order by e.id;

insert into asset_encumbrance (asset_id, kind, started_on, ended_on, reference)
select l.id, case l.story when 'FREEZE' then 'COURT_FREEZE' else 'INVALIDATION_PROCEEDINGS' end, l.first_on, l.decided_on,
       e.reference
from gen_legal l join gen_event e on e.asset_id = l.id and e.step = 1
where l.story in ('FREEZE', 'INVALIDATE', 'CHALLENGE')
order by l.id;

-- ---- pledges ---------------------------------------------------------------------------------------------

-- An enterprise pledges its valid, unencumbered rights in blocks of up to three; about one block in
-- six is pledged once over the ledger's life, so an asset has at most one live pledge.
create temp table gen_block as
with eligible as (
    select a.id, a.h1, a.registered_at, a.kind,
           (row_number() over (partition by a.h1 order by a.id) - 1) / 3 as blk
    from gen_asset a
    where a.legal_status = 'VALID' and a.expires_on > a.today + 400
      and not exists (select 1 from gen_legal l where l.id = a.id and l.story <> 'RENEW')
)
select h1, blk, h1 * 100000 + blk as key, array_agg(id order by id) as asset_ids, max(registered_at) as ready_at
from eligible group by h1, blk;
delete from gen_block where pg_temp.u(key, 30) >= 0.18;

create temp table gen_pledge as
with dated as (
    select b.*, p.today, p.ledger_start, p.banks,
           greatest(b.ready_at::date + 3,
                    p.ledger_start + floor(pg_temp.u(b.key, 31) * (p.today - p.ledger_start - 5))::int) as filed_on,
           pg_temp.u(b.key, 32) as us, pg_temp.u(b.key, 33) as ua
    from gen_block b cross join gen_param p
)
select row_number() over (order by filed_on, key) as id, d.*,
       1 + floor(pg_temp.u(d.key, 34) * d.banks)::bigint as pledgee_id,
       ((50 + floor(d.ua ^ 2 * 2000)) * 10000 * cardinality(d.asset_ids))::numeric(18, 2) as secured_amount,
       (d.filed_on + make_interval(years => 1 + floor(pg_temp.u(d.key, 35) * 3)::int))::date as term_ends_on,
       d.filed_on + 3 + floor(pg_temp.u(d.key, 36) * 10)::int as registered_due
from dated d where d.filed_on <= d.today - 2;

alter table gen_pledge add column status text, add column registered_on date, add column ended_on date,
    add column office_number text, add column ledger_number text;
update gen_pledge set
    status = case when us < 0.03 then 'VOID'
                  when registered_due > today then 'PENDING'
                  when term_ends_on > today then 'ACTIVE'
                  when us < 0.06 then 'ENFORCED'
                  else 'RELEASED' end,
    ledger_number = 'IPL-' || extract(year from filed_on)::int || '-' || lpad(id::text, 7, '0');
update gen_pledge set
    registered_on = case when status in ('ACTIVE', 'RELEASED', 'ENFORCED') then registered_due end,
    ended_on = case status when 'VOID' then filed_on + 5 when 'RELEASED' then term_ends_on
                           when 'ENFORCED' then term_ends_on end;
update gen_pledge set office_number = 'Y' || extract(year from registered_on)::int || '98' || lpad(id::text, 7, '0')
where registered_on is not null;
alter table gen_pledge add primary key (id);
analyze gen_pledge;

insert into pledge (id, ledger_number, office_number, pledgee_id, secured_amount, term_starts_on, term_ends_on, status,
                    invalidation_risk_acknowledged, filed_at, registered_on, ended_on, version)
select id, ledger_number, office_number, pledgee_id, secured_amount, filed_on, term_ends_on, status, false,
       pg_temp.at(filed_on, pg_temp.u(key, 37)), registered_on, ended_on,
       (registered_on is not null)::int + (ended_on is not null)::int
from gen_pledge order by id;

insert into pledge_asset (pledge_id, asset_id, live)
select p.id, x.asset_id, p.status in ('PENDING', 'ACTIVE')
from gen_pledge p cross join unnest(p.asset_ids) as x(asset_id);

-- Pledgors: every holder of every pledged asset.
insert into pledge_pledgor (pledge_id, party_id)
select distinct p.id, h.party_id
from gen_pledge p cross join unnest(p.asset_ids) as x(asset_id) join asset_holder h on h.asset_id = x.asset_id;

-- Appraisals before filing, by the pledgee bank's appraiser.
insert into valuation (id, asset_id, appraiser, amount, valued_on, method, recorded_at, recorded_by)
select row_number() over (order by p.id, x.asset_id), x.asset_id, '江苏中企华中天资产评估有限公司',
       round(p.secured_amount / cardinality(p.asset_ids) * (1.6 + pg_temp.u(x.asset_id, 38))::numeric, -4),
       p.filed_on - 10, case when pg_temp.u(x.asset_id, 39) < 0.7 then 'INCOME' else 'MARKET' end,
       pg_temp.at(p.filed_on - 9, pg_temp.u(x.asset_id, 40)), 'bench-bank@' || p.pledgee_id
from gen_pledge p cross join unnest(p.asset_ids) as x(asset_id)
order by p.id, x.asset_id;

create temp table gen_pledge_event as
select row_number() over (order by occurred_at, pledge_id, kind) as id, *
from (
    select id as pledge_id, 'FILED' as kind, filed_on as occurred_on, pg_temp.at(filed_on, pg_temp.u(key, 37)) as occurred_at,
           secured_amount, term_ends_on, null::text as office_number, null::text as reason, 'bench-bank@' || pledgee_id as actor
    from gen_pledge
    union all
    select id, 'REGISTERED', registered_on, pg_temp.at(registered_on, pg_temp.u(key, 41)), null, null, office_number, null,
           'bench-registrar'
    from gen_pledge where registered_on is not null
    union all
    select id, 'REFUSED', ended_on, pg_temp.at(ended_on, pg_temp.u(key, 41)), null, null, null,
           '质押登记材料不齐全', 'bench-registrar'
    from gen_pledge where status = 'VOID'
    union all
    select id, status, ended_on, pg_temp.at(ended_on, pg_temp.u(key, 42)), null, null, null,
           case status when 'ENFORCED' then '借款人违约，质权人依法处置质押物' else '主债务已清偿' end,
           'bench-bank@' || pledgee_id
    from gen_pledge where status in ('RELEASED', 'ENFORCED')
) e;

insert into pledge_event (id, pledge_id, kind, occurred_on, secured_amount, term_ends_on, office_number, reason,
                          recorded_at, recorded_by)
select id, pledge_id, kind, occurred_on, secured_amount, term_ends_on, office_number, reason, occurred_at, actor
from gen_pledge_event order by id;

-- ---- loans -------------------------------------------------------------------------------------------------

-- Nine registered pledges in ten secure a loan from the pledgee to the first pledgor: disbursed days
-- after registration, due when the pledge's term ends, interest quarterly, principal at maturity;
-- a loan whose pledge was enforced defaulted at maturity.
create temp table gen_loan as
with l as (
    select p.id as pledge_id, p.pledgee_id as lender_id, p.ledger_number, p.status as pledge_status, p.today,
           (select min(pp.party_id) from pledge_pledgor pp where pp.pledge_id = p.id) as borrower_id,
           greatest(10000, round(p.secured_amount * 0.7, -4)) as principal,
           round((0.03 + pg_temp.u(p.key, 50) * 0.03)::numeric, 4) as annual_rate,
           p.registered_on + 1 + floor(pg_temp.u(p.key, 51) * 6)::int as disbursement_date,
           p.term_ends_on as maturity_date, pg_temp.u(p.key, 52) as up
    from gen_pledge p
    where p.registered_on is not null and pg_temp.u(p.key, 53) < 0.9
)
select row_number() over (order by disbursement_date, pledge_id) as id, l.*
from l where l.disbursement_date < l.maturity_date;

alter table gen_loan add column status text, add column inclusive boolean, add column first_time boolean;
update gen_loan set
    status = case when disbursement_date > today then 'CONTRACTED'
                  when pledge_status = 'ENFORCED' then 'DEFAULTED'
                  when maturity_date <= today then 'REPAID'
                  else 'ACTIVE' end,
    inclusive = principal <= case when disbursement_date >= date '2024-01-01' then 20000000 else 10000000 end;
update gen_loan g set first_time = f.rn = 1
from (select id, row_number() over (partition by borrower_id order by disbursement_date, id) as rn from gen_loan) f
where f.id = g.id;
alter table gen_loan add primary key (id);
analyze gen_loan;

insert into loan (id, lender_id, borrower_id, principal, currency, annual_rate, disbursement_date, maturity_date, purpose,
                  inclusive_small_loan, first_time_pledgor, status, risk_class, created_at, version)
select id, lender_id, borrower_id, principal, 'CNY', annual_rate, disbursement_date, maturity_date,
       case when up < 0.6 then '流动资金周转' when up < 0.85 then '研发投入' else '设备购置' end,
       inclusive, first_time, status, case status when 'DEFAULTED' then 'SUBSTANDARD' else 'NORMAL' end,
       pg_temp.at(disbursement_date - 1, up), 0
from gen_loan order by id;

insert into loan_pledge (loan_id, pledge_id) select id, pledge_id from gen_loan order by id;

create temp table gen_loan_event as
with evs as (
    select l.id as loan_id, 0 as step, 'DISBURSEMENT' as kind, l.disbursement_date as occurred_on,
           l.principal as principal_amount, 0::numeric as interest_amount, l.principal as outstanding_after
    from gen_loan l where l.status <> 'CONTRACTED'
    union all
    select l.id, q, 'REPAYMENT', (l.disbursement_date + make_interval(months => 3 * q))::date, 0,
           round(l.principal * l.annual_rate / 4, 2), l.principal
    from gen_loan l cross join generate_series(1, 40) q
    where l.status <> 'CONTRACTED'
      and (l.disbursement_date + make_interval(months => 3 * q))::date < least(l.maturity_date, l.today)
    union all
    select l.id, 1000, 'FULL_REPAYMENT', l.maturity_date, l.principal,
           round(l.principal * l.annual_rate * ((l.maturity_date - l.disbursement_date) % 91) / 365, 2), 0
    from gen_loan l where l.status = 'REPAID'
    union all
    select l.id, 1000, 'DEFAULT', l.maturity_date, 0, 0, l.principal
    from gen_loan l where l.status = 'DEFAULTED'
)
select row_number() over (order by occurred_on, loan_id, step) as id, e.*,
       pg_temp.at(e.occurred_on, pg_temp.u(e.loan_id * 1000 + e.step, 54)) as recorded_at
from evs e;

insert into loan_event (id, loan_id, kind, occurred_on, principal_amount, interest_amount, risk_class, note,
                        outstanding_after, recorded_at, recorded_by)
select e.id, e.loan_id, e.kind, e.occurred_on, e.principal_amount, e.interest_amount, null, null, e.outstanding_after,
       e.recorded_at, 'bench-bank@' || l.lender_id
from gen_loan_event e join gen_loan l on l.id = e.loan_id order by e.id;

-- ---- the journal: every change above as the service would have journalled it, in time order -----

create temp table gen_journal (
    at timestamptz, ord int, sub bigint, actor text, action text, entity_type text, entity_id bigint, asset_ids bigint[], state jsonb
);

insert into gen_journal
select pg_temp.at(p.created_on, pg_temp.u(p.id, 7)), 0, p.id, 'bench-admin', 'PARTY_REGISTERED', 'PARTY', p.id, '{}',
       jsonb_strip_nulls(jsonb_build_object('id', p.id, 'kind', p.kind, 'name', p.name,
           'creditCode', p.code17 || pg_temp.credit_check(p.code17), 'district', p.district, 'industry', p.industry,
           'createdAt', pg_temp.iso(pg_temp.at(p.created_on, pg_temp.u(p.id, 7)))))
from gen_party p;

-- An asset's state as registered (legal events come later, as entries of their own).
insert into gen_journal
select a.registered_at, 1, a.id, 'bench-registrar', 'ASSET_REGISTERED', 'ASSET', a.id, array[a.id],
       jsonb_strip_nulls(jsonb_build_object('id', a.id, 'kind', a.kind, 'registryNumber', a.registry_number,
           'title', a.title,
           'holders', case when a.h2 is null then jsonb_build_array(jsonb_build_object('id', a.h1, 'name', p1.name))
                           else jsonb_build_array(jsonb_build_object('id', least(a.h1, a.h2), 'name', case when a.h1 < a.h2 then p1.name else p2.name end),
                                                  jsonb_build_object('id', greatest(a.h1, a.h2), 'name', case when a.h1 < a.h2 then p2.name else p1.name end)) end,
           'filingDate', a.filing_date, 'grantDate', a.grant_date,
           'expiresOn', case when l.story = 'RENEW' then (a.expires_on - interval '10 years')::date else a.expires_on end,
           'legalStatus', case when a.legal_status in ('LAPSED', 'INVALIDATED') then 'VALID' else a.legal_status end,
           'encumbrances', '[]'::jsonb))
from gen_asset a join gen_party p1 on p1.id = a.h1 left join gen_party p2 on p2.id = a.h2
left join gen_legal l on l.id = a.id;

insert into gen_journal
select le.recorded_at, 2, le.id, 'bench-registrar', 'LEGAL_EVENT_RECORDED', 'ASSET', le.asset_id, array[le.asset_id],
       jsonb_build_object('event', jsonb_strip_nulls(jsonb_build_object('id', le.id, 'assetId', le.asset_id, 'kind', le.kind,
                              'occurredOn', le.occurred_on, 'reference', le.reference, 'recordedAt', pg_temp.iso(le.recorded_at),
                              'statusAfter', e.status_after)),
                          'asset', jsonb_build_object('id', a.id, 'kind', a.kind, 'registryNumber', a.registry_number,
                              'legalStatus', e.status_after))
from legal_event le join gen_event e on e.id = le.id join gen_asset a on a.id = le.asset_id;

insert into gen_journal
select v.recorded_at, 3, v.id, v.recorded_by, 'VALUATION_RECORDED', 'ASSET', v.asset_id, array[v.asset_id],
       jsonb_build_object('valuation', jsonb_build_object('id', v.id, 'appraiser', v.appraiser, 'amount', v.amount::text,
                              'valuedOn', v.valued_on, 'method', v.method, 'recordedAt', pg_temp.iso(v.recorded_at)),
                          'asset', jsonb_build_object('id', v.asset_id))
from valuation v;

-- A pledge's state after each of its events, as PledgeView shows it to its pledgee.
insert into gen_journal
select e.occurred_at, 4, e.id, e.actor,
       case e.kind when 'FILED' then 'PLEDGE_FILED' when 'REGISTERED' then 'PLEDGE_REGISTERED' when 'REFUSED' then 'PLEDGE_REFUSED'
                   when 'RELEASED' then 'PLEDGE_RELEASED' else 'PLEDGE_ENFORCED' end,
       'PLEDGE', p.id, p.asset_ids,
       jsonb_strip_nulls(jsonb_build_object('id', p.id, 'ledgerNumber', p.ledger_number,
           'officeNumber', case when e.kind <> 'FILED' then p.office_number end,
           'status', case e.kind when 'FILED' then 'PENDING' when 'REGISTERED' then 'ACTIVE' when 'REFUSED' then 'VOID' else e.kind end,
           'pledgors', pl.pledgors, 'pledgee', jsonb_build_object('id', b.id, 'name', b.name), 'assets', pa.assets,
           'securedAmount', p.secured_amount::text, 'termStartsOn', p.filed_on, 'termEndsOn', p.term_ends_on,
           'invalidationRiskAcknowledged', false, 'filedAt', pg_temp.iso(pg_temp.at(p.filed_on, pg_temp.u(p.key, 37))),
           'registeredOn', case when e.kind <> 'FILED' then p.registered_on end,
           'endedOn', case when e.kind in ('REFUSED', 'RELEASED', 'ENFORCED') then p.ended_on end))
from gen_pledge_event e join gen_pledge p on p.id = e.pledge_id join gen_party b on b.id = p.pledgee_id
cross join lateral (select jsonb_agg(jsonb_build_object('id', g.id, 'name', g.name) order by g.id) as pledgors
                    from pledge_pledgor pp join gen_party g on g.id = pp.party_id where pp.pledge_id = p.id) pl
cross join lateral (select jsonb_agg(jsonb_build_object('id', a.id, 'kind', a.kind, 'registryNumber', a.registry_number) order by a.id) as assets
                    from unnest(p.asset_ids) x(asset_id) join gen_asset a on a.id = x.asset_id) pa;

insert into gen_journal
select pg_temp.at(l.disbursement_date - 1, l.up), 5, l.id, 'bench-bank@' || l.lender_id, 'LOAN_RECORDED', 'LOAN', l.id,
       p.asset_ids,
       jsonb_build_object('id', l.id, 'lender', jsonb_build_object('id', b.id, 'name', b.name),
           'borrower', jsonb_build_object('id', c.id, 'name', c.name), 'principal', l.principal::text, 'currency', 'CNY',
           'annualRate', l.annual_rate, 'disbursementDate', l.disbursement_date, 'maturityDate', l.maturity_date,
           'inclusiveSmallLoan', l.inclusive, 'firstTimePledgor', l.first_time,
           'pledges', jsonb_build_array(jsonb_build_object('id', l.pledge_id, 'ledgerNumber', l.ledger_number, 'status', 'ACTIVE')),
           'status', 'CONTRACTED', 'riskClass', 'NORMAL', 'outstanding', '0.00')
from gen_loan l join gen_pledge p on p.id = l.pledge_id join gen_party b on b.id = l.lender_id join gen_party c on c.id = l.borrower_id;

insert into gen_journal
select e.recorded_at, 6, e.id, 'bench-bank@' || l.lender_id, 'LOAN_EVENT_RECORDED', 'LOAN', l.id, p.asset_ids,
       jsonb_build_object('event', jsonb_build_object('id', e.id, 'kind', e.kind, 'occurredOn', e.occurred_on,
                              'principalAmount', e.principal_amount::numeric(18, 2)::text,
                              'interestAmount', e.interest_amount::numeric(18, 2)::text,
                              'outstandingAfter', e.outstanding_after::numeric(18, 2)::text, 'recordedAt', pg_temp.iso(e.recorded_at)),
                          'loan', jsonb_build_object('id', l.id, 'lender', jsonb_build_object('id', l.lender_id),
                              'borrower', jsonb_build_object('id', l.borrower_id),
                              'status', case e.kind when 'FULL_REPAYMENT' then 'REPAID' when 'DEFAULT' then 'DEFAULTED' else 'ACTIVE' end,
                              'outstanding', e.outstanding_after::numeric(18, 2)::text))
from gen_loan_event e join gen_loan l on l.id = e.loan_id join gen_pledge p on p.id = l.pledge_id;

insert into journal (seq, recorded_at, actor, action, entity_type, entity_id, asset_ids, state) overriding system value
select row_number() over (order by at, ord, sub), at, actor, action, entity_type, entity_id, asset_ids, state
from gen_journal order by 1;

-- ---- the Merkle tree over the journal, as the sequencer builds it -------------------------------------
-- Leaf i is entry seq i + 1; its input is LeafInput's JSON array; level 0 of merkle_node holds the leaf
-- hashes, level k the hash of each complete pair below it (RFC 9162: 0x00 for leaves, 0x01 for nodes).

insert into journal_leaf (leaf_index, seq, leaf_hash, sequenced_at)
select j.seq - 1, j.seq,
       sha256('\x00'::bytea || convert_to('[' || j.seq || ',"' || pg_temp.iso(j.recorded_at) || '",' || to_json(j.actor)::text
           || ',' || to_json(j.action)::text || ',' || to_json(j.entity_type)::text || ',' || j.entity_id
           || ',[' || array_to_string(j.asset_ids, ',') || '],' || j.state::text || ']', 'UTF8')),
       j.recorded_at
from journal j order by j.seq;

insert into merkle_node (level, idx, hash) select 0, leaf_index, leaf_hash from journal_leaf order by leaf_index;

do $$
declare
    lvl int := 0;
    n bigint;
begin
    loop
        insert into merkle_node (level, idx, hash)
        select lvl + 1, l.idx / 2, sha256('\x01'::bytea || l.hash || r.hash)
        from merkle_node l join merkle_node r on r.level = lvl and r.idx = l.idx + 1
        where l.level = lvl and l.idx % 2 = 0
        order by l.idx;
        get diagnostics n = row_count;
        exit when n = 0;
        lvl := lvl + 1;
    end loop;
end $$;

-- ---- identities, statistics, planner statistics ---------------------------------------------------------

do $$
begin
    perform setval(pg_get_serial_sequence('party', 'id'), (select max(id) from party));
    perform setval(pg_get_serial_sequence('ip_asset', 'id'), (select max(id) from ip_asset));
    perform setval(pg_get_serial_sequence('legal_event', 'id'), greatest(1, (select max(id) from legal_event)));
    perform setval(pg_get_serial_sequence('pledge', 'id'), greatest(1, (select max(id) from pledge)));
    perform setval(pg_get_serial_sequence('pledge_event', 'id'), greatest(1, (select max(id) from pledge_event)));
    perform setval(pg_get_serial_sequence('valuation', 'id'), greatest(1, (select max(id) from valuation)));
    perform setval(pg_get_serial_sequence('loan', 'id'), greatest(1, (select max(id) from loan)));
    perform setval(pg_get_serial_sequence('loan_event', 'id'), greatest(1, (select max(id) from loan_event)));
    perform setval(pg_get_serial_sequence('journal', 'seq'), (select max(seq) from journal));
    perform setval('pledge_ledger_number_seq', greatest(1, (select max(id) from pledge)));
end $$;

set session_replication_role = origin;
-- The journal's GIN index took the load through its pending list; empty it, or every lookup scans it.
do $$ begin perform gin_clean_pending_list('journal_asset_ids'); end $$;
analyze;

-- The statistics tables (V6, V9), rebuilt from the base tables in one pass. From empty tables the
-- triggers' incremental refresh (stats_refresh_pledge / stats_refresh_loan, one entity at a time)
-- comes to exactly this: each entity's contribution kept in *_applied, the month tables their sums,
-- stats_member their member rows counted. Calling the refresh per entity gives the same rows but
-- takes minutes at a million assets; GeneratorTest checks the two agree.
insert into stats_pledge_applied (pledge_id, month, dim, grp, pledged_amount, pledged_assets)
select p.id, c.month, c.dim, c.grp, c.pledged_amount, c.pledged_assets
from pledge p cross join lateral stats_pledge_contribution(p.id) c
where p.registered_on is not null order by p.id;

insert into stats_pledge_month (dim, month, grp, pledges, pledged_amount, pledged_assets)
select dim, month, grp, count(*), sum(pledged_amount), sum(pledged_assets)
from stats_pledge_applied group by 1, 2, 3 order by 1, 2, 3;

insert into stats_loan_applied (loan_id, month, dim, grp, loans_issued, principal_issued, inclusive_loans,
    inclusive_principal, first_time_loans, defaults, outstanding_change, outstanding_loans_change, insured_loans,
    insured_principal)
select l.id, c.* from loan l cross join lateral stats_loan_contribution(l.id) c order by l.id;

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
select set_name, dim, month, grp, count(*) from stats_member group by 1, 2, 3, 4 order by 1, 2, 3, 4;

analyze stats_pledge_month, stats_loan_month, stats_member, stats_member_count, stats_pledge_applied, stats_loan_applied,
    stats_member_applied;
