package fr.cartesagents.ra.demo;

import java.util.List;

import fr.cartesagents.ra.security.Role;

/**
 * The demo users, as the portal's demo login page lists them. A bean of this type exists only
 * where the demo login does.
 */
public interface DemoAccounts {

    /** One demo user: the name to log in with, who they are, and their role. */
    record DemoAccount(String userName, String displayName, Role role) {
    }

    List<DemoAccount> accounts();
}
