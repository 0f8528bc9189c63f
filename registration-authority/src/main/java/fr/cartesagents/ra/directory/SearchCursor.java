package fr.cartesagents.ra.directory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/**
 * Where a page of search results ended, in the order of the results (folded name, person id,
 * membership id): the next page starts strictly after it, so pages neither skip nor repeat rows
 * when people are added meanwhile. Sent to the client as an opaque base64url token.
 */
record SearchCursor(String searchName, UUID personId, UUID membershipId) {

    String token() {
        String plain = searchName + "\n" + personId + "\n" + membershipId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ProblemException 400 when the token is not one this server gave out */
    static SearchCursor parse(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("three parts expected");
            }
            return new SearchCursor(parts[0], UUID.fromString(parts[1]), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            throw ProblemException.localized(ProblemType.BAD_REQUEST, "directory.bad-cursor");
        }
    }
}
