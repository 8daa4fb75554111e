package org.ipledger.journal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class JournalResourceTest {

    private static final Base64.Decoder B64 = Base64.getDecoder();

    private static PublicKey signingPublicKey() throws Exception {
        return TreeHeads.readPublicKey(Files.readString(Path.of("deploy/dev/journal-signing-public.pem")));
    }

    private static JsonPath head() {
        return given().auth().oauth2(Tokens.regulator()).get("/api/v1/journal/tree-head")
                .then().statusCode(200).extract().jsonPath();
    }

    private static boolean signatureValid(JsonPath head) throws Exception {
        byte[] message = TreeHeads.signedMessage(head.getLong("treeSize"), B64.decode(head.getString("rootHash")),
                Instant.parse(head.getString("timestamp")));
        return TreeHeads.verify(signingPublicKey(), message, B64.decode(head.getString("signature")));
    }

    @Test
    void writeAnswersCarryTheirJournalSeqAndTheEntryIsProvablyInTheSignedTree() throws Exception {
        long holder = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(holder);
        long seq = given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Fixtures.pledgeBody(holder, bank, patent)).post("/api/v1/pledges")
                .then().statusCode(201).body("journalSeq", notNullValue()).extract().jsonPath().getLong("journalSeq");

        JsonPath head = head();
        assertTrue(signatureValid(head), "the tree head's signature verifies with the public key");

        JsonPath entry = given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/journal/entries/" + seq)
                .then().statusCode(200).body("action", equalTo("PLEDGE_FILED")).extract().jsonPath();
        byte[] leafInput = B64.decode(entry.getString("leafInput"));
        assertArrayEquals(Merkle.leafHash(leafInput), B64.decode(entry.getString("leafHash")));

        JsonPath proof = given().auth().oauth2(Tokens.bank(bank))
                .get("/api/v1/journal/entries/" + seq + "/proof?treeSize=" + head.getLong("treeSize"))
                .then().statusCode(200).extract().jsonPath();
        List<byte[]> path = proof.getList("auditPath", String.class).stream().map(B64::decode).toList();
        assertTrue(Merkle.verifyInclusion(Merkle.leafHash(leafInput), entry.getLong("leafIndex"), head.getLong("treeSize"),
                path, B64.decode(head.getString("rootHash"))), "the inclusion proof verifies against the signed root");
        assertFalse(Merkle.verifyInclusion(Merkle.leafHash("forged".getBytes()), entry.getLong("leafIndex"),
                head.getLong("treeSize"), path, B64.decode(head.getString("rootHash"))), "a forged entry does not");
    }

    @Test
    void consistencyProofBetweenTwoHeadsVerifiesAndAForgedHeadFails() throws Exception {
        Fixtures.enterprise();
        JsonPath older = head();
        Fixtures.enterprise();
        Fixtures.bank();
        JsonPath newer = head();
        long from = older.getLong("treeSize");
        long to = newer.getLong("treeSize");
        assertTrue(to > from);
        List<byte[]> proof = given().auth().oauth2(Tokens.bank(1)).get("/api/v1/journal/consistency?from=" + from + "&to=" + to)
                .then().statusCode(200).extract().jsonPath().getList("proof", String.class).stream().map(B64::decode).toList();
        byte[] oldRoot = B64.decode(older.getString("rootHash"));
        byte[] newRoot = B64.decode(newer.getString("rootHash"));
        assertTrue(Merkle.verifyConsistency(from, to, oldRoot, newRoot, proof));
        byte[] forged = oldRoot.clone();
        forged[0] ^= 1;
        assertFalse(Merkle.verifyConsistency(from, to, forged, newRoot, proof), "a forged old head fails");
        assertTrue(signatureValid(older) && signatureValid(newer));
    }

    @Test
    void aRowChangedDirectlyInTheDatabaseIsFoundByTheAudit() throws Exception {
        long party = Fixtures.enterprise();
        head();
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/journal/audit")
                .then().statusCode(200).body("consistent", equalTo(true)).body("firstMismatch", nullValue());
        long seq = given().auth().oauth2(Tokens.regulator()).get("/api/v1/journal/tree-head").then().extract()
                .jsonPath().getLong("treeSize"); // any entry will do; take the party's own below
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select seq from journal where entity_type = 'PARTY' and entity_id = " + party);
            rs.next();
            seq = rs.getLong(1);
            // The append-only trigger refuses an ordinary update...
            assertThrows(SQLException.class, () -> s.executeUpdate("update journal set actor = 'x' where seq = 1"));
            // ...so a tamperer must switch triggers off first.
            s.execute("set session_replication_role = replica");
            s.executeUpdate("update journal set state = jsonb_set(state, '{name}', '\"Forged Ltd\"') where seq = " + seq);
            try {
                given().auth().oauth2(Tokens.regulator()).get("/api/v1/journal/audit")
                        .then().statusCode(200)
                        .body("consistent", equalTo(false))
                        .body("firstMismatch.seq", equalTo((int) seq));
            } finally {
                s.executeUpdate("update journal set state = jsonb_set(state, '{name}', '\"苏州测试科技有限公司\"') where seq = " + seq);
                s.execute("set session_replication_role = origin");
            }
        }
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/journal/audit")
                .then().statusCode(200).body("consistent", equalTo(true)).body("checkedEntries", greaterThan(0));
    }

    @Test
    void asOfAnswerDiffersFromTodaysAfterAReleaseAndMatchesWhatWasSaidThen() throws Exception {
        long holder = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(holder);
        long pledge = Fixtures.pledge(holder, bank, patent);
        String today = LocalDate.now().toString();
        given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON)
                .body(Map.of("officeNumber", "Y" + System.nanoTime(), "registeredOn", today))
                .post("/api/v1/pledges/{id}/registration", pledge).then().statusCode(200);
        JsonPath then = given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/collateral-status?assetId=" + patent)
                .then().statusCode(200).extract().jsonPath();
        Thread.sleep(5); // the instant between the answer and the release must be distinct
        Instant saidAt = Instant.now();
        Thread.sleep(5);
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(Map.of("releasedOn", today))
                .post("/api/v1/pledges/{id}/release", pledge).then().statusCode(200);

        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/collateral-status?assetId=" + patent)
                .then().statusCode(200).body("freeToPledge", equalTo(true)).body("livePledge", nullValue());
        JsonPath asOf = given().auth().oauth2(Tokens.bank(bank))
                .get("/api/v1/collateral-status?assetId=" + patent + "&asOf=" + saidAt)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(false, asOf.getBoolean("freeToPledge"));
        assertEquals(then.getString("livePledge.ledgerNumber"), asOf.getString("livePledge.ledgerNumber"));
        assertEquals(then.getString("livePledge.status"), asOf.getString("livePledge.status"));
        assertEquals(then.getString("livePledge.securedAmount"), asOf.getString("livePledge.securedAmount"));
        assertEquals(then.getString("legalStatus"), asOf.getString("legalStatus"));
        assertEquals(then.getList("holders"), asOf.getList("holders"));
        assertEquals(then.getList("reasons.code"), asOf.getList("reasons.code"));
        assertTrue(asOf.getLong("journalSeq") > 0);

        given().auth().oauth2(Tokens.bank(bank))
                .get("/api/v1/collateral-status?assetId=" + patent + "&asOf=2001-01-01T00:00:00Z")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/collateral-status?assetId=" + patent + "&asOf=yesterday")
                .then().statusCode(400).body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void aBankCanProveButNotReadAnotherBanksPledgeEntry() {
        long holder = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long rival = Fixtures.bank();
        long patent = Fixtures.invention(holder);
        long seq = given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Fixtures.pledgeBody(holder, bank, patent)).post("/api/v1/pledges")
                .then().statusCode(201).extract().jsonPath().getLong("journalSeq");
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/journal/entries/" + seq)
                .then().statusCode(200).body("leafHash", notNullValue())
                .body("state", nullValue()).body("leafInput", nullValue());
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/journal/entries/" + seq)
                .then().statusCode(200).body("state.securedAmount", equalTo("5000000.00"));
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/journal/entries/" + seq + "/proof")
                .then().statusCode(200).body("auditPath", notNullValue());
        given().auth().oauth2(Tokens.lab()).get("/api/v1/journal/tree-head").then().statusCode(403);
    }

    private static Connection jdbc() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
