//! `stance`: a terminal reader for debates.

pub mod action;
pub mod app;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod debate;
pub mod error;
pub mod filter;
pub mod keymap;
pub mod layout;
pub mod paint;
pub mod print;
pub mod quote;
pub mod read;
pub mod run;
pub mod search;
pub mod sgr;
pub mod stdin;
pub mod synthetic;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
