/**
 * Pure decisions of {@code slipway serve}: which previews should exist (open pull requests and their head
 * commits), which do (databases or namespaces carrying Slipway's ownership mark), and the plan that turns
 * one into the other. Nothing here does I/O or imports an adapter; providers carry plans out.
 */
package dev.slipway.plan;
