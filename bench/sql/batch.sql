-- The service's collateral-status query (CollateralStatusService.QUERY), run by pgbench with the
-- same binds: arrays of 100 asset ids, at random. BenchQueryInStepTest keeps it in step with the Java source.
with req as (
    select * from unnest((select array_agg(i) from generate_series(0, 99) i), (select array_agg(1 + floor(random() * :assets)::bigint) from generate_series(1, 100)), array_fill(null::text, array[100]), array_fill(null::text, array[100])) as r(ord, asset_id, kind, number)
)
select req.ord, a.id, a.kind, a.registry_number, a.title, a.filing_date, a.grant_date, a.expires_on,
       a.legal_status, a.mark_group,
       (select json_agg(json_build_object('id', p.id, 'name', p.name) order by p.id)
          from asset_holder h join party p on p.id = h.party_id where h.asset_id = a.id)::text as holders,
       (select array_agg(e.kind order by e.kind) from asset_encumbrance e
         where e.asset_id = a.id and e.ended_on is null) as encumbrances,
       lp.ledger_number, lp.office_number, lp.status as pledge_status, lp.filed_at, lp.registered_on,
       lp.secured_amount, lp.pledgee_id, pe.name as pledgee_name,
       ln.loan_id is not null as secures_loan, coalesce(ln.insured, false) as loan_insured,
       coalesce(ln.securitized, false) as loan_securitized,
       exists(select 1 from sec_receivable_asset ra join sec_pool_receivable pr
               on pr.receivable_id = ra.receivable_id and pr.live where ra.asset_id = a.id) as licence_securitized,
       v.amount as valuation_amount, v.valued_on, v.appraiser, v.method,
       (select max(x.seq) from (select j.seq from journal j where j.asset_ids @> array[a.id] offset 0) x) as journal_seq
from req
left join ip_asset a on a.id = coalesce(req.asset_id,
        (select x.id from ip_asset x where x.kind = req.kind and x.registry_number = req.number))
left join lateral (select p.* from pledge_asset pa join pledge p on p.id = pa.pledge_id
                    where pa.asset_id = a.id and pa.live limit 1) lp on true
left join party pe on pe.id = lp.pledgee_id
left join lateral (select x.loan_id, exists(select 1 from insurance_policy ip where ip.loan_id = x.loan_id
                          and ip.status = 'ACTIVE' and ip.ends_on >= current_date) as insured,
                        exists(select 1 from sec_pool_loan sp where sp.loan_id = x.loan_id and sp.live) as securitized
                     from loan_pledge x where x.pledge_id = lp.id) ln on true
left join lateral (select * from valuation v where v.asset_id = a.id
                    order by v.valued_on desc, v.id desc limit 1) v on true
order by req.ord;
