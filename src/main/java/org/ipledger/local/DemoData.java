package org.ipledger.local;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ipledger.common.Caller;
import org.ipledger.common.Roles;
import org.ipledger.insurance.InsuranceInputs;
import org.ipledger.insurance.PolicyService;
import org.ipledger.loan.LoanEventKind;
import org.ipledger.loan.LoanInputs;
import org.ipledger.loan.LoanService;
import org.ipledger.party.CreditCode;
import org.ipledger.party.District;
import org.ipledger.party.Industry;
import org.ipledger.party.PartyInput;
import org.ipledger.party.PartyKind;
import org.ipledger.party.PartyRepository;
import org.ipledger.party.PartyService;
import org.ipledger.pledge.PledgeInputs;
import org.ipledger.pledge.PledgeService;
import org.ipledger.registry.AssetInput;
import org.ipledger.registry.AssetKind;
import org.ipledger.registry.AssetService;
import org.ipledger.registry.LegalEventInput;
import org.ipledger.registry.LegalEventKind;
import org.ipledger.registry.RegistryNumbers;
import org.ipledger.registry.ValuationInput;
import org.ipledger.registry.ValuationMethod;
import org.ipledger.securitization.Product;
import org.ipledger.securitization.ProductService;
import org.ipledger.securitization.ReceivableService;
import org.ipledger.securitization.SecuritizationInputs;
import org.ipledger.securitization.Waterfall;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A small Suzhou data set for trying the service: enterprises in several districts, three banks,
 * patents, a trademark group and a software copyright, some pledged, one lapsed, one frozen.
 * Loaded through the services (so it is journaled like any change), only into an empty database,
 * only when {@code ipledger.demo-data.enabled} (set when the embedded database is used).
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    private static final Caller LOADER = new Caller("demo-loader", Set.of(Roles.ADMIN, Roles.REGISTRAR), null);

    private final boolean enabled;
    private final PartyRepository partyRepository;
    private final PartyService parties;
    private final AssetService assets;
    private final PledgeService pledges;
    private final LoanService loans;
    private final PolicyService policies;
    private final ProductService products;
    private final ReceivableService receivables;

    public DemoData(@ConfigProperty(name = "ipledger.demo-data.enabled") boolean enabled, PartyRepository partyRepository,
                    PartyService parties, AssetService assets, PledgeService pledges, LoanService loans, PolicyService policies, ProductService products,
                    ReceivableService receivables) {
        this.enabled = enabled;
        this.partyRepository = partyRepository;
        this.parties = parties;
        this.assets = assets;
        this.pledges = pledges;
        this.loans = loans;
        this.policies = policies;
        this.products = products;
        this.receivables = receivables;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (!enabled) {
            return;
        }
        long existing = VertxContextSupport.subscribeAndAwait(this::countParties);
        if (existing > 0) {
            LOG.infof("Demo data not loaded: the database already holds %d parties", existing);
            return;
        }
        VertxContextSupport.subscribeAndAwait(this::load);
        LOG.info("Demo data loaded: Suzhou enterprises (parties 1-8), banks (9-11), an insurer (12), patents, pledges, "
                + "an insured loan, an alert, an issuer (13) and trustee (14) with a three-tranche loan product (1) and a "
                + "product on a patent-licence receivable (2: party 8 licenses asset 15 to party 6)");
    }

    @WithSession
    Uni<Long> countParties() {
        return partyRepository.count();
    }

    private int serial;

    private Uni<Void> load() {
        record Ent(String name, District district, Industry industry) {
        }
        List<Ent> enterprises = List.of(
                new Ent("苏州纳微科技股份有限公司", District.SUZHOU_INDUSTRIAL_PARK, Industry.NANOTECHNOLOGY),
                new Ent("苏州信达生物制药有限公司", District.SUZHOU_INDUSTRIAL_PARK, Industry.BIOMEDICINE),
                new Ent("昆山精密机械制造有限公司", District.KUNSHAN, Industry.HIGH_END_EQUIPMENT),
                new Ent("苏州智云软件有限公司", District.HUQIU, Industry.SOFTWARE_AND_IT_SERVICES),
                new Ent("吴江丝绸新材料有限公司", District.WUJIANG, Industry.TEXTILES_AND_APPAREL),
                new Ent("常熟新能源电池有限公司", District.CHANGSHU, Industry.NEW_ENERGY),
                new Ent("张家港先进材料科技有限公司", District.ZHANGJIAGANG, Industry.ADVANCED_MATERIALS),
                new Ent("苏州吴中人工智能研究院有限公司", District.WUZHONG, Industry.ARTIFICIAL_INTELLIGENCE));
        List<String> banks = List.of("中国银行苏州分行", "苏州银行", "江苏银行苏州分行");
        List<Long> entIds = new ArrayList<>();
        List<Long> bankIds = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Ent e : enterprises) {
            chain = chain.chain(() -> parties.register(LOADER, new PartyInput(PartyKind.ENTERPRISE, e.name(), creditCode(),
                    e.district(), e.industry()), null)).invoke(v -> entIds.add(v.id())).replaceWithVoid();
        }
        for (String b : banks) {
            chain = chain.chain(() -> parties.register(LOADER, new PartyInput(PartyKind.BANK, b, creditCode(), null, null), null))
                    .invoke(v -> bankIds.add(v.id())).replaceWithVoid();
        }
        long[] insurerId = new long[1];
        chain = chain.chain(() -> parties.register(LOADER, new PartyInput(PartyKind.INSURER, "人保财险苏州市分公司",
                creditCode(), null, null), null)).invoke(v -> insurerId[0] = v.id()).replaceWithVoid();
        long[] issuerId = new long[1];
        long[] trusteeId = new long[1];
        chain = chain.chain(() -> parties.register(LOADER, new PartyInput(PartyKind.ISSUER, "苏州示范证券资产管理有限公司",
                creditCode(), null, null), null)).invoke(v -> issuerId[0] = v.id()).replaceWithVoid();
        chain = chain.chain(() -> parties.register(LOADER, new PartyInput(PartyKind.TRUSTEE, "苏州示范信托有限公司",
                creditCode(), null, null), null)).invoke(v -> trusteeId[0] = v.id()).replaceWithVoid();
        List<Long> assetIds = new ArrayList<>();
        for (int i = 0; i < enterprises.size(); i++) {
            int owner = i;
            for (int k = 0; k < 2; k++) {
                int kk = k;
                chain = chain.chain(() -> assets.register(LOADER, new AssetInput(
                        kk == 0 ? AssetKind.INVENTION_PATENT : AssetKind.UTILITY_MODEL,
                        patentNumber(kk == 0 ? "20191" : "20212"), "演示专利 " + (owner + 1) + "-" + (kk + 1),
                        List.of(entIds.get(owner)), kk == 0 ? LocalDate.of(2019, 4, 1 + owner) : LocalDate.of(2021, 5, 10 + owner),
                        kk == 0 ? LocalDate.of(2022, 8, 1 + owner) : LocalDate.of(2022, 1, 10 + owner),
                        null, null, null), null)).invoke(v -> assetIds.add(v.id())).replaceWithVoid();
            }
        }
        // A trademark group of two similar marks, and a software copyright, held by the software company.
        for (String tm : List.of("31234567", "31234568")) {
            chain = chain.chain(() -> assets.register(LOADER, new AssetInput(AssetKind.TRADEMARK, tm, "智云 ZHIYUN",
                    List.of(entIds.get(3)), LocalDate.of(2018, 9, 1), LocalDate.of(2019, 12, 7), null, null,
                    "ZHIYUN-CLASS-9-42"), null)).replaceWithVoid();
        }
        chain = chain.chain(() -> assets.register(LOADER, new AssetInput(AssetKind.SOFTWARE_COPYRIGHT, "2021SR0456789",
                "智云数据平台软件 V3.0", List.of(entIds.get(3)), LocalDate.of(2021, 3, 1), LocalDate.of(2021, 4, 2), null,
                null, null), null)).replaceWithVoid();
        // Valuations, a lapse, a freeze, and pledges in each state.
        chain = chain.chain(() -> {
            Uni<Void> c = Uni.createFrom().voidItem();
            for (int i = 0; i < assetIds.size(); i++) {
                long id = assetIds.get(i);
                BigDecimal amount = new BigDecimal(3_000_000 + 750_000L * i).setScale(2);
                c = c.chain(() -> assets.recordValuation(LOADER, id, new ValuationInput("江苏中企华评估有限公司", amount,
                        LocalDate.of(2025, 6, 30), ValuationMethod.INCOME), null)).replaceWithVoid();
            }
            return c;
        });
        chain = chain.chain(() -> assets.recordLegalEvent(LOADER, assetIds.get(9), new LegalEventInput(
                LegalEventKind.FEE_UNPAID, LocalDate.of(2025, 8, 2), null, "第6年年费未缴纳"), null)).replaceWithVoid();
        chain = chain.chain(() -> assets.recordLegalEvent(LOADER, assetIds.get(11), new LegalEventInput(
                LegalEventKind.COURT_FREEZE, LocalDate.of(2025, 10, 20), "(2025)苏05执保123号", null), null)).replaceWithVoid();
        LocalDate start = LocalDate.of(2025, 9, 1);
        List<Long> pledgeIds = new ArrayList<>();
        long[] loanId = new long[1];
        chain = chain.chain(() -> pledges.file(bank(bankIds.get(0)), new PledgeInputs.Filing(List.of(entIds.get(0)),
                        bankIds.get(0), List.of(assetIds.get(0), assetIds.get(1)), new BigDecimal("8000000.00"), start,
                        start.plusYears(3), false), null))
                .chain(p -> pledges.register(LOADER, p.id(), new PledgeInputs.Registration("Y2025980000123",
                        LocalDate.now()), null))
                .invoke(p -> pledgeIds.add(p.id())).replaceWithVoid();
        // A loan secured by that pledge: disbursed, interest paid, part of the principal repaid.
        chain = chain.chain(() -> loans.record(bank(bankIds.get(0)), new LoanInputs.Creation(bankIds.get(0), entIds.get(0),
                        new BigDecimal("1200000.00"), new BigDecimal("0.0365"), start, start.plusYears(3), "研发投入",
                        List.of(pledgeIds.get(0)), null), null))
                .invoke(l -> loanId[0] = l.id())
                .chain(l -> loans.recordEvent(bank(bankIds.get(0)), l.id(), new LoanInputs.Event(LoanEventKind.DISBURSEMENT,
                        start, new BigDecimal("1200000.00"), null, null, null), null))
                .chain(l -> loans.recordEvent(bank(bankIds.get(0)), l.id(), new LoanInputs.Event(LoanEventKind.REPAYMENT,
                        start.plusMonths(6), new BigDecimal("100000.00"), new BigDecimal("21900.00"), null, null), null))
                // Insured 6:2:2: the insurer bears 60 % of a principal loss, the city's fund 20 %, the bank the rest.
                .chain(l -> policies.record(insurer(insurerId[0]), new InsuranceInputs.NewPolicy("PICC-SZ-2025-IPL-0001",
                        insurerId[0], l.id(), new BigDecimal("0.6"), new BigDecimal("0.2"), new BigDecimal("18000.00"),
                        start, start.plusYears(3)), null))
                // Invalidation proceedings against a pledged patent: the lending bank gets an alert.
                .chain(p -> assets.recordLegalEvent(LOADER, assetIds.get(1), new LegalEventInput(
                        LegalEventKind.INVALIDATION_REQUESTED, LocalDate.now(), "4W112233", "无效宣告请求"), null))
                // The loan pooled into a three-tranche product; the tranches add up to its outstanding principal.
                .chain(x -> products.create(issuer(issuerId[0]),
                        new SecuritizationInputs.NewProduct("苏州知识产权证券化2026年第一期资产支持专项计划", issuerId[0],
                                trusteeId[0], Product.LegalForm.ASSET_BACKED_SPECIAL_PLAN, LocalDate.of(2026, 3, 1),
                                LocalDate.of(2029, 3, 1), Product.PaymentFrequency.QUARTERLY, new BigDecimal("0.001"),
                                new BigDecimal("0.002"), Waterfall.PrincipalMode.PRO_RATA, new BigDecimal("0.05"),
                                List.of(loanId[0]), List.of(
                                new SecuritizationInputs.NewTranche("优先A级", 1, new BigDecimal("770000.00"),
                                        new BigDecimal("0.028"), "AAA", false),
                                new SecuritizationInputs.NewTranche("优先B级", 2, new BigDecimal("220000.00"),
                                        new BigDecimal("0.036"), "AA+", false),
                                new SecuritizationInputs.NewTranche("次级", 3, new BigDecimal("110000.00"),
                                        BigDecimal.ZERO, "NR", true))), null))
                .replaceWithVoid();
        // A licence receivable (party 8 licenses its patent to party 6) pooled into a second product, with one
        // receipt recorded and its first period left unrun, so a dry run shows the waterfall.
        long[] receivableId = new long[1];
        chain = chain.chain(() -> receivables.create(issuer(issuerId[0]), new SecuritizationInputs.NewReceivable(
                        issuerId[0], entIds.get(7), entIds.get(5), "SZ-LIC-2026-0001", List.of(assetIds.get(14)), List.of(
                        new SecuritizationInputs.Instalment(LocalDate.of(2026, 6, 30), new BigDecimal("250000.00")),
                        new SecuritizationInputs.Instalment(LocalDate.of(2026, 9, 30), new BigDecimal("250000.00")),
                        new SecuritizationInputs.Instalment(LocalDate.of(2026, 12, 31), new BigDecimal("250000.00")),
                        new SecuritizationInputs.Instalment(LocalDate.of(2027, 3, 31), new BigDecimal("250000.00")))), null))
                .invoke(r -> receivableId[0] = r.id())
                .chain(r -> products.create(issuer(issuerId[0]), new SecuritizationInputs.NewProduct(
                        "苏州知识产权证券化2026年第二期（专利许可）资产支持专项计划", issuerId[0], trusteeId[0],
                        Product.LegalForm.ASSET_BACKED_SPECIAL_PLAN, LocalDate.of(2026, 4, 1), LocalDate.of(2028, 4, 1),
                        Product.PaymentFrequency.QUARTERLY, new BigDecimal("0.001"), new BigDecimal("0.002"),
                        Waterfall.PrincipalMode.SEQUENTIAL, new BigDecimal("0.05"), List.of(), List.of(
                        new SecuritizationInputs.NewTranche("优先A级", 1, new BigDecimal("800000.00"),
                                new BigDecimal("0.026"), "AAA", false),
                        new SecuritizationInputs.NewTranche("次级", 2, new BigDecimal("200000.00"),
                                BigDecimal.ZERO, "NR", true)), List.of(receivableId[0])), null))
                .chain(x -> receivables.recordReceipt(new Caller("demo-trustee-" + trusteeId[0], Set.of(Roles.TRUSTEE),
                        trusteeId[0]), receivableId[0], new SecuritizationInputs.NewReceipt(LocalDate.of(2026, 6, 30),
                        new BigDecimal("250000.00"), "ICBC-20260630-0001"), null))
                .replaceWithVoid();
        chain = chain.chain(() -> pledges.file(bank(bankIds.get(1)), new PledgeInputs.Filing(List.of(entIds.get(1)),
                bankIds.get(1), List.of(assetIds.get(2)), new BigDecimal("5000000.00"), start, start.plusYears(2),
                false), null)).replaceWithVoid();
        return chain;
    }

    private static Caller insurer(long id) {
        return new Caller("demo-insurer-" + id, Set.of(Roles.INSURER), id);
    }

    private static Caller issuer(long id) {
        return new Caller("demo-issuer-" + id, Set.of(Roles.ISSUER), id);
    }

    private static Caller bank(long id) {
        return new Caller("demo-bank-" + id, Set.of(Roles.BANK), id);
    }

    private String creditCode() {
        String body = String.format("91320500MA1%06d", ++serial);
        return body + CreditCode.checkCharacter(body);
    }

    // Patent numbers have their own counter, so adding demo parties does not renumber the patents.
    private int patentSerial;

    private String patentNumber(String yearAndType) {
        String digits = yearAndType + String.format("%07d", 100 + ++patentSerial);
        return digits + "." + RegistryNumbers.patentCheckCharacter(digits);
    }
}
