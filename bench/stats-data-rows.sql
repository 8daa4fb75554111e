-- bench/stats-data.sql, once per batch (the temp view "batch" over gp): a batch of financed
-- pledges into the base tables: pledges filed PENDING with pledgors and assets, then registered;
-- loans, their links, events and policies.
\set ON_ERROR_STOP 1
with ins as (
    insert into pledge (ledger_number, pledgee_id, secured_amount, term_starts_on, term_ends_on, status)
    select 'BENCH-' || i, b.id, amount, starts, starts + 730, 'PENDING'
    from batch join bank b on b.rn = batch.bank_rn
    returning id, ledger_number
)
update batch set pledge_id = ins.id from ins where ins.ledger_number = 'BENCH-' || batch.i;

insert into pledge_pledgor (pledge_id, party_id)
select pledge_id, e.id from batch join ent e on e.rn = batch.ent_rn;
insert into pledge_pledgor (pledge_id, party_id)
select pledge_id, e.id from batch join ent e on e.rn = batch.co_rn where batch.co_rn is not null and batch.co_rn <> batch.ent_rn;
insert into pledge_asset (pledge_id, asset_id)
select batch.pledge_id, a.id from batch join ip_asset a on a.kind = batch.kind and a.registry_number = 'B' || batch.i;
insert into pledge_asset (pledge_id, asset_id)
select batch.pledge_id, a.id from batch join ip_asset a on a.kind = 'TRADEMARK' and a.registry_number = 'B2-' || batch.i
where batch.second_asset;

-- Registration: one UPDATE (with the triggers on, stats_pledge_updated refreshes each pledge).
update pledge set status = 'ACTIVE', registered_on = term_starts_on, office_number = 'OFFICE-' || id
where id in (select pledge_id from batch);

-- ---- loans, their events and policies ----

with ins as (
    insert into loan (lender_id, borrower_id, principal, annual_rate, disbursement_date, maturity_date, purpose,
                      inclusive_small_loan, first_time_pledgor, status)
    select b.id, e.id, batch.amount, 0.0385, batch.starts + 3, batch.starts + 3 + 365 * (1 + batch.i % 3), 'BENCH-' || batch.i,
           batch.amount <= case when batch.starts + 3 < date '2024-01-01' then 10000000 else 20000000 end,
           random() < 0.3, 'ACTIVE'
    from batch join bank b on b.rn = batch.bank_rn join ent e on e.rn = batch.ent_rn
    returning id, purpose
)
update batch set loan_id = ins.id from ins where ins.purpose = 'BENCH-' || batch.i;
insert into loan_pledge (loan_id, pledge_id) select loan_id, pledge_id from batch;

drop table if exists gl;
create temp table gl as
select l.id, l.principal, l.disbursement_date as d, l.maturity_date as m, random() as r from loan l
join batch on batch.loan_id = l.id;
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
