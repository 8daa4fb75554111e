-- Pledge filing as PledgeService.file runs it, statement for statement: read the parties, lock the
-- asset, read its holders, its live pledges and open encumbrances, number the pledge, insert it with
-- its pledgor, asset and FILED event, and journal it (a PledgeView-sized state). bench_free holds free
-- assets with their only holder; bench/run gives pgbench its own part of it (bench_free_pick).
select n, asset_id, holder_id from bench_free where n = (select nextval('bench_free_pick')) \gset f_
begin;
select id, kind, name, credit_code, district, industry, created_at from party where id in (:f_holder_id, :bank);
select a.id, a.kind, a.registry_number, a.title, a.filing_date, a.grant_date, a.expires_on, a.legal_status, a.mark_group, a.version
  from ip_asset a where a.id in (:f_asset_id) order by a.id for no key update;
select h.asset_id, p.id, p.name from asset_holder h join party p on p.id = h.party_id where h.asset_id in (:f_asset_id);
select pa.asset_id, p.id, p.status, b.name from pledge p join pledge_asset pa on pa.pledge_id = p.id join party b on b.id = p.pledgee_id
  where pa.asset_id in (:f_asset_id) and p.status in ('PENDING', 'ACTIVE') order by pa.asset_id;
select id, kind, started_on from asset_encumbrance where asset_id in (:f_asset_id) and ended_on is null;
select nextval('pledge_ledger_number_seq') as ln \gset
insert into pledge (ledger_number, pledgee_id, secured_amount, term_starts_on, term_ends_on, status,
                    invalidation_risk_acknowledged, filed_at, version)
  values ('IPL-PGBENCH-' || :ln, :bank, 1000000.00, current_date, current_date + 365, 'PENDING', false, now(), 0)
  returning id as pid \gset
insert into pledge_pledgor (pledge_id, party_id) values (:pid, :f_holder_id);
insert into pledge_asset (pledge_id, asset_id) values (:pid, :f_asset_id);
insert into pledge_event (pledge_id, kind, occurred_on, secured_amount, term_ends_on, recorded_at, recorded_by)
  values (:pid, 'FILED', current_date, 1000000.00, current_date + 365, now(), 'bench-bank@' || :bank);
insert into journal (actor, action, entity_type, entity_id, asset_ids, state)
  select 'bench-bank@' || :bank, 'PLEDGE_FILED', 'PLEDGE', :pid, array[:f_asset_id]::bigint[],
         jsonb_build_object('id', :pid::bigint, 'ledgerNumber', 'IPL-PGBENCH-' || :ln, 'status', 'PENDING',
             'pledgors', jsonb_build_array(jsonb_build_object('id', :f_holder_id::bigint, 'name', (select name from party where id = :f_holder_id))),
             'pledgee', jsonb_build_object('id', :bank::bigint, 'name', (select name from party where id = :bank)),
             'assets', (select jsonb_agg(jsonb_build_object('id', id, 'kind', kind, 'registryNumber', registry_number)) from ip_asset where id = :f_asset_id),
             'securedAmount', '1000000.00', 'termStartsOn', current_date, 'termEndsOn', current_date + 365,
             'invalidationRiskAcknowledged', false, 'filedAt', now(),
             'events', jsonb_build_array(jsonb_build_object('kind', 'FILED', 'occurredOn', current_date, 'securedAmount', '1000000.00')))
  returning seq;
commit;
