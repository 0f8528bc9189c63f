package fr.cartesagents.bridge.simulator;

import static fr.cartesagents.bridge.apdu.AgentCardLayout.APPLICATION_DF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.CERTIFICATE_FILE_SIZE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.DIRECTORY_FILE_SIZE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_AODF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_ATR;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_CDF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_DIR;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_ODF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_PRKDF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_PUKDF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_SN;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_TOKEN_INFO;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.MASTER_FILE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SFI_EF_ATR;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SFI_EF_DIR;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SFI_EF_SN;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.card.KeyRole;

/**
 * The file tree of the simulated IAS-ECC card, fixed at manufacture as on a real card: EF.DIR,
 * EF.ATR and EF.SN in the master file (written by the manufacturer, read-only), and the PKCS#15
 * application DF with its directory files, certificate and public-key files (empty until the bridge
 * personalizes the card, written under the user PIN).
 */
final class CardFiles {

    private static final Map<Integer, CardFile> FILES = new LinkedHashMap<>();

    static {
        add(CardFile.dedicated(MASTER_FILE, MASTER_FILE, null));
        add(CardFile.elementary(EF_DIR, MASTER_FILE, SFI_EF_DIR, 256, false));
        add(CardFile.elementary(EF_ATR, MASTER_FILE, SFI_EF_ATR, 256, false));
        add(CardFile.elementary(EF_SN, MASTER_FILE, SFI_EF_SN, 32, false));
        add(CardFile.dedicated(APPLICATION_DF, MASTER_FILE, AgentCardLayout.applicationId()));
        for (int directory : new int[] {EF_ODF, EF_TOKEN_INFO, EF_AODF, EF_PRKDF, EF_PUKDF, EF_CDF}) {
            add(CardFile.elementary(directory, APPLICATION_DF, 0, DIRECTORY_FILE_SIZE, true));
        }
        for (KeyRole role : KeyRole.values()) {
            add(CardFile.elementary(AgentCardLayout.certificateFileId(role), APPLICATION_DF, 0, CERTIFICATE_FILE_SIZE, true));
            add(CardFile.elementary(AgentCardLayout.publicKeyFileId(role), APPLICATION_DF, 0, 512, true));
            add(CardFile.elementary(AgentCardLayout.renewalPublicKeyFileId(role), APPLICATION_DF, 0, 512, true));
        }
    }

    private CardFiles() {
    }

    private static void add(CardFile file) {
        FILES.put(file.fileId(), file);
    }

    static Optional<CardFile> byId(int fileId) {
        return Optional.ofNullable(FILES.get(fileId));
    }

    /**
     * The child {@code fileId} of the DF {@code parent}; as ISO 7816-4 allows for selection by file
     * identifier, the MF's identifier names the MF from anywhere and a DF's own identifier names
     * itself (OpenSC restores its current DF by selecting "5000" from 5000).
     */
    static Optional<CardFile> child(int parent, int fileId) {
        if (fileId == MASTER_FILE || fileId == parent) {
            return byId(fileId);
        }
        return byId(fileId).filter(file -> file.parentId() == parent && file.fileId() != parent);
    }

    /** IAS-ECC's short identifiers name the files of the master file from any DF. */
    static Optional<CardFile> byShortId(int shortFileId) {
        return FILES.values().stream().filter(file -> file.shortFileId() == shortFileId).findFirst();
    }

    static Optional<CardFile> byApplicationId(byte[] aid) {
        return FILES.values().stream()
                .filter(file -> file.applicationId().map(own -> java.util.Arrays.equals(own, aid)).orElse(false))
                .findFirst();
    }
}
